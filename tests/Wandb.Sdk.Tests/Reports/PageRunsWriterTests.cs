using System.Globalization;
using System.Reflection;
using Newtonsoft.Json;
using Wandb.Reports.Html;
using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>
/// The page data's cells made without a JSON writer each (system info reused from the run before, tags, durations) must
/// say of every run what a writer would: a shortcut that hid one run's own value would show it wrong.
/// </summary>
[TestClass]
public sealed class PageRunsWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void A_run_whose_system_info_differs_in_any_one_field_shows_its_own()
    {
        foreach (var property in typeof(SystemInfo).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var other = FullSystem();
            property.SetValue(other, OtherValue(property.PropertyType, property.GetValue(other)));
            var runs = new[] { Run("r1", FullSystem()), Run("r2", other), Run("r3", FullSystem()), Run("r4", other) };

            var systems = PageDataRuns.Column(PageData(runs), "system");

            var expected = new[] { SystemText(FullSystem()), SystemText(other), SystemText(FullSystem()), SystemText(other) };
            CollectionAssert.AreEqual(expected, systems.Select(Normal).ToArray(), property.Name);
            Assert.AreNotEqual(expected[0], expected[1], $"{property.Name} must change the written system info");
        }
    }

    [TestMethod]
    public void Tags_and_durations_are_the_text_a_json_writer_writes()
    {
        var tagged = new[] { Array.Empty<string>(), new[] { "a" }, new[] { "b<c>", "ü\u2028", "q\"uote\\", "</script>" }, new[] { string.Empty, "x" } };
        var seconds = new[] { 0.0, 1.5, 0.0004, 1234.56789 };
        var runs = tagged.Select((tags, i) => Finished(i, seconds[i], tags: tags)).ToList();

        var data = PageData(runs);

        CollectionAssert.AreEqual(runs.Select(r => Normal(Written(w => PlainWrite(w, r.Tags)))).ToArray(), PageDataRuns.Column(data, "tags").Select(Normal).ToArray());
        CollectionAssert.AreEqual(new[] { "0", "1.5", "0.0004", "1234.56789" }, PageDataRuns.Column(data, "duration").ToArray(), "seconds to the microsecond: a unit test's 0.4 ms is not 0");
        StringAssert.Contains(data, "\\u003c/script\\u003e", "tags are escaped as the page's writer escapes them");
    }

    [TestMethod]
    public void Equal_values_are_one_distinct_value_whether_or_not_their_runs_share_the_text()
    {
        // The first four runs' cells are made together (neighbours share one text per value), the last four on their own
        // page before, so their equal values are texts of their own: each value must still be listed once, and each run
        // must show its own.
        var groups = new[] { "g1", "g1", "g2", "g1", "g2", "g1", "g1", "g2" };
        var runs = groups.Select((group, i) => Finished(i, 0, group: group)).ToList();
        foreach (var run in runs.Skip(4))
        {
            PageRunCells.Of(new[] { run });
        }

        var data = PageData(runs);

        CollectionAssert.AreEqual(groups.Select(g => "\"" + g + "\"").ToArray(), PageDataRuns.Column(data, "group").ToArray());
        var column = System.Text.Json.Nodes.JsonNode.Parse(data)!["runs"]!["group"]!;
        CollectionAssert.AreEqual(new[] { "g1", "g2" }, column["distinct"]!.AsArray().Select(v => (string)v!).ToArray(), "each group once, in the order first seen");
    }

    /// <summary>Run <c>r{i}</c>, finished <paramref name="seconds"/> after it started.</summary>
    private static StoredRun Finished(int i, double seconds, string[]? tags = null, string? group = null) => new()
    {
        Id = "r" + i.ToString(CultureInfo.InvariantCulture),
        Name = "n",
        Project = "p",
        Group = group,
        Tags = tags ?? Array.Empty<string>(),
        CreatedAt = Start,
        UpdatedAt = Start.AddSeconds(seconds),
        FinishedAt = Start.AddSeconds(seconds),
    };

    private static StoredRun Run(string id, SystemInfo system) =>
        new() { Id = id, Name = id, Project = "p", CreatedAt = Start, UpdatedAt = Start, FinishedAt = Start, System = system };

    private static SystemInfo FullSystem() => new()
    {
        Host = "ci-7", Os = "Linux 6.1", DotNet = ".NET 10.0.1", Pid = 4242, GitCommit = "0123abc", GitBranch = "main", GitDirty = true, CiProvider = "github", CiRunId = "17-2",
    };

    private static object? OtherValue(Type type, object? value) =>
        type == typeof(string) ? value + "-other"
        : type == typeof(int) ? (int)value! + 1
        : type == typeof(bool?) ? !(bool?)value ?? true
        : throw new AssertFailedException($"SystemInfo has a property of type {type.Name} this test cannot vary; add it here.");

    /// <summary>The page data of <paramref name="runs"/>, written as the HTML report writes it (HTML-safe escaping).</summary>
    private static string PageData(IReadOnlyList<StoredRun> runs) => Written(json =>
    {
        json.WriteStartObject();
        json.WritePropertyName("runs");
        PageRunsWriter.Write(json, runs, Start.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    });

    private static string SystemText(SystemInfo system) => Normal(Written(w => Wandb.Storage.Codec.StoreDocumentWriter.WriteSystem(w, system)));

    /// <summary>JSON text in one escaping, so texts compare by what they say.</summary>
    private static string Normal(string? json) => System.Text.Json.Nodes.JsonNode.Parse(json!)?.ToJsonString() ?? "null";

    private static void PlainWrite(JsonWriter json, object? value) => Wandb.Json.PlainValueWriter.Write(json, value);

    private static string Written(Action<JsonWriter> write)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(buffer) { StringEscapeHandling = StringEscapeHandling.EscapeHtml, FloatFormatHandling = FloatFormatHandling.String, Formatting = Formatting.None })
        {
            write(json);
        }

        return buffer.ToString();
    }
}
