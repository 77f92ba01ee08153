using System.Text;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Codec;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class StoreCodecTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 29, 16, 35, 48, 94, TimeSpan.Zero);

    private static RunMetadataFile Metadata() => new()
    {
        Id = "ph7f4r75", Name = "fold \"3\"", Project = "churn", Group = "cv-1", JobType = null, Tags = { "a", "b<c>" }, Notes = "line\nbreak",
        CreatedAt = When.AddTicks(5532),
        System = new SystemInfo { Host = "vm", Os = "Linux", DotNet = ".NET 10", Pid = 42, GitCommit = "abc", GitBranch = "main", GitDirty = true, CiProvider = "github", CiRunId = "1-1" },
    };

    private static WriterStateFile State() => new()
    {
        Writer = "w1", Host = "vm", Pid = 7, ProcessStartedAt = When, StartedAt = When, UpdatedAt = When.AddSeconds(1), FinishedAt = null, State = "failed", ExitCode = 3,
        Rows = 12, LastStep = 11, DroppedRows = 2,
        Config = { ["lr"] = 0.1, ["trees"] = 200L, ["name"] = "sgd", ["flag"] = true, ["none"] = null, ["nan"] = double.NaN, ["layers"] = new List<object?> { 64L, 32L }, ["opt"] = new Dictionary<string, object?> { ["beta"] = 0.9, ["inf"] = double.NegativeInfinity } },
        Summary = { ["best"] = double.PositiveInfinity, ["outcome"] = "passed" },
        Last = { ["loss"] = double.NaN, ["acc"] = 0.81 },
    };

    [TestMethod]
    public void The_hand_written_documents_are_byte_for_byte_what_the_serializer_wrote()
    {
        foreach (var document in new object[] { Metadata(), State(), new RunMetadataFile(), new WriterStateFile() })
        {
            var expected = JsonConvert.SerializeObject(document, JsonConventions.Settings) + "\n";

            Assert.AreEqual(expected, Encoding.UTF8.GetString(StoreCodec.Serialize(document)), document.GetType().Name);
        }
    }

    [TestMethod]
    public void Documents_read_back_field_by_field_with_non_finite_numbers_restored()
    {
        var metadata = StoreCodec.Deserialize<RunMetadataFile>(Encoding.UTF8.GetString(StoreCodec.Serialize(Metadata())));
        var state = StoreCodec.Deserialize<WriterStateFile>(Encoding.UTF8.GetString(StoreCodec.Serialize(State())));

        Assert.AreEqual("fold \"3\"", metadata.Name);
        Assert.IsNull(metadata.JobType);
        CollectionAssert.AreEqual(new[] { "a", "b<c>" }, metadata.Tags);
        Assert.AreEqual(When.AddTicks(5532), metadata.CreatedAt);
        Assert.AreEqual(true, metadata.System.GitDirty);
        Assert.AreEqual(42, metadata.System.Pid);
        Assert.AreEqual("failed", state.State);
        Assert.AreEqual(3, state.ExitCode);
        Assert.IsNull(state.FinishedAt);
        Assert.AreEqual(11L, state.LastStep);
        Assert.AreEqual(200L, state.Config["trees"]);
        Assert.IsTrue(double.IsNaN((double)state.Config["nan"]!));
        Assert.AreEqual(double.NegativeInfinity, ((Dictionary<string, object?>)state.Config["opt"]!)["inf"]);
        CollectionAssert.AreEqual(new object[] { 64L, 32L }, (List<object?>)state.Config["layers"]!);
        Assert.AreEqual(double.PositiveInfinity, state.Summary["best"]);
        Assert.IsTrue(double.IsNaN(state.Last["loss"]));
        Assert.AreEqual(0.81, state.Last["acc"]);
    }

    [TestMethod]
    public void Unknown_fields_are_skipped_and_values_of_the_wrong_type_read_as_absent()
    {
        const string text = """
            {"future":{"deep":[1,{"x":2}]},"schema":1,"writer":["not","text"],"host":{"a":1},"pid":"7","rows":3,
             "config":[1,2],"summary":{"outcome":"passed","nested":{"list":[1,"NaN",null,true]}},"last":{"loss":"NaN","note":"text"},
             "state":"finished","later":null}
            """;

        var state = StoreCodec.Deserialize<WriterStateFile>(text);

        Assert.AreEqual(string.Empty, state.Writer);
        Assert.IsNull(state.Host);
        Assert.AreEqual(0, state.Pid);
        Assert.AreEqual(3L, state.Rows);
        Assert.AreEqual("finished", state.State);
        Assert.IsEmpty(state.Config);
        var list = (List<object?>)((Dictionary<string, object?>)state.Summary["nested"]!)["list"]!;
        Assert.AreEqual(1L, list[0]);
        Assert.IsTrue(double.IsNaN((double)list[1]!));
        Assert.IsNull(list[2]);
        Assert.AreEqual(true, list[3]);
        CollectionAssert.AreEqual(new[] { "loss" }, state.Last.Keys.ToList(), "only numbers are last values");
    }

    [TestMethod]
    public void A_torn_document_is_an_error_never_a_half_read_one()
    {
        var whole = Encoding.UTF8.GetString(StoreCodec.Serialize(State()));
        foreach (var cut in new[] { whole.Length / 4, whole.Length / 2, whole.LastIndexOf('}') })
        {
            Assert.Throws<JsonException>(() => StoreCodec.Deserialize<WriterStateFile>(whole.Substring(0, cut)), $"cut at {cut}");
        }
    }
}
