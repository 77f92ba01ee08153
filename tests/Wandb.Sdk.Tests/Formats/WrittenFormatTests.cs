using System.Text;
using Wandb.Reports;
using Wandb.Reports.Html;
using Wandb.Reports.Json;
using Wandb.Runs;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Formats;

/// <summary>
/// The files the SDK writes are contracts read by other processes, older versions, the page script and
/// users' tools: a fixed set of runs, written with a fixed clock, must produce exactly the bytes in
/// <c>Formats/Expected</c>. A change of any byte is a format change and has to be made on purpose.
/// </summary>
[TestClass]
public sealed class WrittenFormatTests
{
    private const string Writer = "w0000001";
    private const string SecondWriter = "w0000002";
    private const string BatchWriter = "logger01";
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    [TestMethod]
    public void The_store_documents_keep_their_exact_bytes()
    {
        using var temp = new TempStore();
        var store = WriteStore(temp);
        var layout = new StoreLayout(temp.Root);

        Assert.AreEqual(6, store.ListRuns().Count(), "every run written reads back");
        Assert.IsEmpty(temp.Output.Warnings);
        AssertExpected(new Dictionary<string, string>
        {
            ["run.json"] = File.ReadAllText(layout.MetadataPath("fold0001")),
            ["state.json"] = File.ReadAllText(layout.StatePath("fold0001", Writer)),
            ["history.jsonl"] = File.ReadAllText(layout.HistoryPath("fold0001", Writer)),
            ["crashed.state.json"] = File.ReadAllText(layout.StatePath("crash001", Writer)),
            ["batch.runs.jsonl"] = File.ReadAllText(layout.BatchPath(BatchWriter)),
        });
    }

    [TestMethod]
    public void Runs_json_and_the_page_data_keep_their_exact_bytes()
    {
        using var temp = new TempStore();
        var store = WriteStore(temp);
        var model = ReportModel.Build(store, new ReportOptions { ChartBuckets = 40 }, Start.AddHours(2));

        var runsJson = new StringWriter();
        RunsJsonWriter.Write(model, runsJson);
        var page = Path.Combine(temp.Root, "index.html");
        HtmlReportWriter.Write(model, store, page);

        // A report file gets the groups' entries as the UTF-8 they were kept as, straight to its stream (RawUtf8Value), where
        // a text writer gets them decoded: both must be these bytes.
        var file = Path.Combine(temp.Root, "runs.json");
        AtomicFile.Write(file, writer => RunsJsonWriter.Write(model, writer));
        Assert.AreEqual(runsJson.ToString(), File.ReadAllText(file), "runs.json written to a file is the text written to a text writer");

        AssertExpected(new Dictionary<string, string>
        {
            ["runs.json"] = runsJson.ToString(),
            ["page-data.json"] = PageData(File.ReadAllText(page)),
        });
    }

    /// <summary>
    /// Two grouped folder runs (one with two writers), a run whose writer died on another host, and three
    /// runs recorded in bulk, one of them in a second project; with the strings, numbers and shapes each
    /// encoder has to get right.
    /// </summary>
    private static FolderRunStore WriteStore(TempStore temp)
    {
        var clock = new ManualClock(Start);
        var store = new FolderRunStore(temp.Root, PhysicalStoreFileSystem.Instance, temp.Output, clock);

        var first = Metadata("fold0001", "fold \"1\" <b>&amp;", "cv-a", "fold");
        first.Tags = new List<string> { "a", "b<c>", "ü\u2028" };
        first.Notes = "line\nbreak\ttab \u0001";
        first.System = new SystemInfo
        {
            Host = "ci-7", Os = "Linux 6.1", DotNet = ".NET 10.0.1", Pid = 4242, GitCommit = "0123abc", GitBranch = "main", GitDirty = true, CiProvider = "github", CiRunId = "17-2",
        };
        store.OpenRun(first, ResumeMode.Allow);
        using (var writer = store.CreateWriter("fold0001", Writer))
        {
            writer.AppendRows(new[]
            {
                Row(0, 0.0000004, new[] { "loss", "accuracy", "weird \"key\"\n\\" }, new[] { 0.9, 0.5, 1.0 }),
                Row(1, 1.23456789, new[] { "loss", "accuracy" }, new[] { 0.45, double.NaN }),
                Row(2, 2.5, new[] { "loss", "accuracy", "lr" }, new[] { double.PositiveInfinity, 0.75, -0.0 }),
                Row(3, 3.75, Enumerable.Range(0, 20).Select(i => "m" + i).ToArray(), Enumerable.Range(0, 20).Select(i => (i * 0.1) - 1e-300).ToArray()),
                Row(4, 5.0, new[] { "loss", "accuracy" }, new[] { double.NegativeInfinity, 1.0 / 3 }),
                Row(7, 9.125, new[] { "loss", "accuracy" }, new[] { 1e21, 0.8125 }),
            });
            writer.WriteState(State(Writer, "finished", Start.AddSeconds(10), rows: 6, lastStep: 7), durable: false);
        }

        var second = Metadata("fold0002", "fold 2", "cv-a", "fold");
        store.OpenRun(second, ResumeMode.Allow);
        using (var writer = store.CreateWriter("fold0002", Writer))
        {
            writer.AppendRows(new[] { Row(0, 0.5, new[] { "loss" }, new[] { 0.8 }), Row(2, 2.5, new[] { "loss" }, new[] { 0.4 }) });
            writer.WriteState(State(Writer, "finished", Start.AddSeconds(5), rows: 2, lastStep: 2, accuracy: 0.625), durable: false);
        }

        using (var writer = store.CreateWriter("fold0002", SecondWriter))
        {
            writer.AppendRows(new[] { Row(1, 0.25, new[] { "loss", "f1" }, new[] { 0.6, 0.5 }) });
            writer.WriteState(State(SecondWriter, "failed", Start.AddSeconds(6), rows: 1, lastStep: 1, accuracy: 0.6875, exitCode: 2), durable: false);
        }

        var crashed = Metadata("crash001", "crashed", "cv-b", "train");
        store.OpenRun(crashed, ResumeMode.Allow);
        using (var writer = store.CreateWriter("crash001", Writer))
        {
            writer.AppendRows(new[] { Row(0, 0.125, new[] { "loss" }, new[] { 1.5 }) });
            var running = State(Writer, "running", Start.AddSeconds(1), rows: 1, lastStep: 0, accuracy: 0.4375);
            running.FinishedAt = null;
            running.ExitCode = null;
            writer.WriteState(running, durable: false);
        }

        using (var batch = store.CreateBatchWriter(BatchWriter))
        {
            batch.Append(Batched("test0001", "cv-b", "finished", 0.5, new Dictionary<string, object?> { ["outcome"] = "passed", ["error"] = null }));
            batch.Append(Batched("test0002", "cv-b", "failed", 0.375, new Dictionary<string, object?> { ["outcome"] = "failed", ["error"] = "Assert.AreEqual failed. <x> \"y\"\r\n  at Z()" }));
            batch.Append(Batched("test0003", null, "finished", 0.25, new Dictionary<string, object?> { ["outcome"] = "passed", ["list"] = new List<object?> { 1L, "two", null, 2.5, double.NaN } }));
            batch.Flush();
        }

        // Long after every write: the writer on the other host has missed its heartbeats, so its run is crashed.
        clock.Advance(TimeSpan.FromHours(1));
        return store;
    }

    private static RunMetadataFile Metadata(string id, string name, string? group, string? jobType) => new()
    {
        Id = id,
        Name = name,
        Project = "churn",
        Group = group,
        JobType = jobType,
        CreatedAt = Start,
        System = new SystemInfo { Host = "ci-7", Os = "Linux", DotNet = ".NET 10", Pid = 42 },
    };

    private static WriterStateFile State(string writer, string state, DateTimeOffset at, long rows, long? lastStep, double accuracy = 0.8125, int exitCode = 0) => new()
    {
        Writer = writer,
        Host = "ci-7",
        Pid = 42,
        ProcessStartedAt = Start.AddSeconds(-1),
        StartedAt = Start,
        UpdatedAt = at,
        FinishedAt = at,
        State = state,
        ExitCode = exitCode,
        Rows = rows,
        LastStep = lastStep,
        DroppedRows = 1,
        Config = new Dictionary<string, object?>
        {
            ["lr"] = accuracy / 8,
            ["trees"] = 200L,
            ["name"] = "sgd \"fast\" <b>",
            ["flag"] = true,
            ["none"] = null,
            ["nan"] = double.NaN,
            ["big"] = 1e300,
            ["tiny"] = 1.5e-7,
            ["layers"] = new List<object?> { 64L, 32L, new Dictionary<string, object?> { ["drop"] = 0.5 } },
            ["optimizer"] = new Dictionary<string, object?> { ["beta"] = 0.9, ["inf"] = double.NegativeInfinity, ["kind"] = "adam" },
        },
        Summary = new Dictionary<string, object?> { ["accuracy"] = accuracy, ["best"] = double.PositiveInfinity, ["note"] = "ü\u2028" },
        Last = new Dictionary<string, double> { ["loss"] = double.NaN, ["accuracy"] = 0.75 },
    };

    private static RunBatchRecord Batched(string id, string? group, string state, double accuracy, Dictionary<string, object?> summary)
    {
        summary["accuracy"] = accuracy;
        var metadata = Metadata(id, $"Test ({id})", group, "test");
        metadata.Project = group is null ? "retail" : metadata.Project;
        metadata.Tags = new List<string> { "mstest" };
        var writerState = State(BatchWriter, state, Start.AddSeconds(3), rows: 0, lastStep: null, accuracy: accuracy, exitCode: state == "finished" ? 0 : 1);
        writerState.Summary = summary;
        writerState.Last = new Dictionary<string, double>();
        return new RunBatchRecord(metadata, writerState);
    }

    private static PendingRow Row(long step, double runtime, string[] keys, double[] values) =>
        new(step, runtime, Start.AddSeconds(runtime).ToUnixTimeMilliseconds() / 1000.0 + 0.0000123, keys, values);

    /// <summary>The JSON inside the page's data element: the page's markup and script are not a data format.</summary>
    private static string PageData(string html)
    {
        const string open = "<script type=\"application/json\" id=\"wandb-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "the page has its data element");
        start += open.Length;
        return html.Substring(start, html.IndexOf("</script>", start, StringComparison.Ordinal) - start);
    }

    /// <summary>Compares every file with its expected bytes; what differs is kept in the temp folder for a diff.</summary>
    private static void AssertExpected(IReadOnlyDictionary<string, string> files)
    {
        var changed = new List<string>();
        foreach (var (name, text) in files)
        {
            var actual = text.Replace("\r\n", "\n");
            var path = Path.Combine(AppContext.BaseDirectory, "Formats", "Expected", name);
            var expected = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
            if (expected != actual)
            {
                var written = Path.Combine(Path.GetTempPath(), "wandb-written-formats", name);
                Directory.CreateDirectory(Path.GetDirectoryName(written)!);
                File.WriteAllText(written, actual, new UTF8Encoding(false));
                var at = expected is null ? 0 : Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));
                changed.Add($"{name} differs from character {at} on; the bytes written now are in {written}");
            }
        }

        Assert.IsEmpty(changed, string.Join("\n", changed));
    }
}
