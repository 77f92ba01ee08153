using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Json;
using Wandb.Reports.Json;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>
/// A run's runs.json entry made without a JSON writer (<see cref="RunsJsonEntryText"/>) must be, character for character,
/// what the indented writer writes for it inside <c>runs</c>; a run holding a value it does not make is left to the writer.
/// </summary>
[TestClass]
public sealed class RunsJsonEntryTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, 123, TimeSpan.FromHours(-5));

    public static IEnumerable<object[]> PlainRuns()
    {
        yield return new object[] { "bare", new StoredRun { Id = "a1", Name = "plain", Project = "p", CreatedAt = Start, UpdatedAt = Start } };
        yield return new object[]
        {
            "every field",
            new StoredRun
            {
                Id = "b2", Name = "</script>\"ü\u2028\u0085\t\u0001\\", Project = "p\"q", Group = "g", JobType = "train", Tags = new[] { "x", "<y>", string.Empty },
                Notes = "line\r\nbreak", State = RunState.Failed, ExitCode = -3, CreatedAt = Start, FinishedAt = Start.AddSeconds(1.5), UpdatedAt = Start.AddSeconds(1.5),
            },
        };
        yield return new object[]
        {
            "nested config",
            new StoredRun
            {
                Id = "c3", Name = "n", Project = "p", CreatedAt = Start, UpdatedAt = Start,
                Config = new Dictionary<string, object?>
                {
                    ["model"] = new Dictionary<string, object?> { ["layers"] = 3L, ["act"] = "relu", ["deeper"] = new Dictionary<string, object?> { ["x"] = new List<object?> { 1, 2.5f } } },
                    ["list"] = new List<object?> { 1L, null, "s", true, new Dictionary<string, object?> { ["k"] = false }, new List<object?>() },
                    ["empty"] = new Dictionary<string, object?>(),
                    ["noList"] = Array.Empty<object?>(),
                    ["numbers"] = new object?[] { (short)-2, (byte)7, (sbyte)-1, (ushort)9, 4_000_000_000u, int.MinValue, long.MaxValue },
                    ["\"key\" with\nbreak"] = "v",
                },
            },
        };
        yield return new object[]
        {
            "doubles",
            new StoredRun
            {
                Id = "d4", Name = "n", Project = "p", CreatedAt = Start, UpdatedAt = Start,
                Summary = new Dictionary<string, object?>
                {
                    ["third"] = 1.0 / 3, ["sum"] = 0.1 + 0.2, ["whole"] = 475.0, ["tiny"] = 1e-300, ["huge"] = 1.7976931348623157e308, ["negZero"] = -0.0, ["neg"] = -12.5, ["single"] = 0.1f, ["none"] = null,
                },
            },
        };
    }

    [TestMethod]
    [DynamicData(nameof(PlainRuns))]
    public void A_run_of_plain_values_is_made_as_the_writer_writes_it(string what, StoredRun run)
    {
        var made = RunsJsonEntryText.Of(run);

        Assert.IsNotNull(made, $"{what}: only plain values, made without the writer");
        Assert.AreEqual(ByWriter(run), made, what);
    }

    public static IEnumerable<object[]> RunsForTheWriter()
    {
        yield return new object[] { "NaN", new Dictionary<string, object?> { ["loss"] = double.NaN } };
        yield return new object[] { "infinity", new Dictionary<string, object?> { ["x"] = new List<object?> { float.NegativeInfinity } } };
        yield return new object[] { "a token", new Dictionary<string, object?> { ["t"] = JToken.Parse("{\"a\": [1, 2]}") } };
        yield return new object[] { "a decimal", new Dictionary<string, object?> { ["d"] = 1.5m } };
        yield return new object[] { "a time", new Dictionary<string, object?> { ["when"] = Start } };
        yield return new object[] { "a typed dictionary", new Dictionary<string, object?> { ["d"] = new Dictionary<string, double> { ["a"] = 1 } } };
        yield return new object[] { "deeper than made", new Dictionary<string, object?> { ["deep"] = Nested(20) } };
    }

    [TestMethod]
    [DynamicData(nameof(RunsForTheWriter))]
    public void A_run_holding_a_value_the_writer_formats_its_own_way_is_left_to_it(string what, Dictionary<string, object?> summary)
    {
        var run = new StoredRun { Id = "e5", Name = "n", Project = "p", CreatedAt = Start, UpdatedAt = Start, Summary = summary };

        Assert.IsNull(RunsJsonEntryText.Of(run), what);
        RunsJsonEntries.Make(new[] { run });
        Assert.AreEqual(ByWriter(run), RunsJsonEntries.Of(run), $"{what}: the kept entry is the writer's");
    }

    [TestMethod]
    public void Runs_made_on_every_core_are_each_their_own_text()
    {
        var runs = Enumerable.Range(0, 2_000).Select(i => new StoredRun
        {
            Id = "r" + i, Name = "run " + i, Project = "p", Group = "g" + (i % 13), CreatedAt = Start.AddSeconds(i), UpdatedAt = Start.AddSeconds(i),
            Config = new Dictionary<string, object?> { ["seed"] = (long)i, ["tags"] = new List<object?> { "t" + i } },
            Summary = new Dictionary<string, object?> { ["loss"] = 1.0 / (i + 1), ["note"] = new string('n', i % 300) },
        }).ToList();

        RunsJsonEntries.Make(runs);

        foreach (var run in runs)
        {
            Assert.AreEqual(ByWriter(run), RunsJsonEntries.Of(run), run.Id);
        }
    }

    /// <summary>The run's object as the indented runs.json writer writes it inside <c>runs</c>, without the line break and indent before it.</summary>
    private static string ByWriter(StoredRun run)
    {
        var text = new StringWriter();
        using (var json = JsonConventions.CreateWriter(text, Formatting.Indented))
        {
            json.WriteStartObject();
            json.WritePropertyName(JsonFields.Runs);
            json.WriteStartArray();
            json.Flush();
            var start = text.GetStringBuilder().Length;
            ReportRunWriter.WriteRun(json, run, ReportRunWriter.RunsJsonFields);
            json.Flush();
            return text.ToString()[start..].TrimStart();
        }
    }

    private static Dictionary<string, object?> Nested(int depth) =>
        depth == 0 ? new Dictionary<string, object?> { ["leaf"] = 1L } : new Dictionary<string, object?> { ["next"] = Nested(depth - 1) };
}
