using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Reports;
using Wandb.Reports.Html;
using Wandb.Reports.Json;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>
/// A build's or test run's read-ahead makes the report texts of the runs its report will show (their runs.json entries and
/// page cells), kept per run object: the report must write exactly what it would have written without them, and a run that
/// changed after the read-ahead must be written as it is now, never as it was.
/// </summary>
[TestClass]
public sealed class ReportReadAheadTests
{
    [TestMethod]
    public void The_report_reuses_the_texts_of_the_runs_read_ahead_writes_a_run_changed_since_anew_and_the_same_files_as_without()
    {
        using var store = new TempStore();
        for (var g = 0; g < 5; g++)
        {
            for (var i = 0; i < 3; i++)
            {
                store.AddRun("old-" + g, $"run{g}{i}", new Dictionary<string, object?> { ["accuracy"] = 0.5 + (0.01 * i) }, config: new Dictionary<string, object?> { ["lr"] = 0.1 * g });
            }
        }

        var clock = new ManualClock(DateTimeOffset.UtcNow);
        ReportWriter.WriteAll(store.Reader(), Options(store, "first"), clock);
        var changed = store.Runs().Single(r => r.Name == "run41").Id;

        // As a build does: the store object reads ahead while the build's runs are written. The newest two old groups fit
        // the budget of 8 beside the build's runs.
        var prepared = store.Reader();
        ReportReadAhead.Prepare(prepared, new[] { "build" }, maxDetailRuns: 8);
        var listed = prepared.ListRuns().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var madeAhead = Wandb.Grouping.RunGroupCache.Kept(Summarised.Keys, listed.Where(r => r.Group == "old-3").ToList());
        var madeAheadOfChanged = Wandb.Grouping.RunGroupCache.Kept(Summarised.Keys, listed.Where(r => r.Group == "old-4").ToList());
        Assert.IsNotNull(madeAhead, "the read-ahead grouped the runs it read, with their statistics");
        Assert.IsNotNull(madeAheadOfChanged);
        using (var resumed = store.Init(new RunOptions { Project = "proj", Id = changed, Resume = ResumeMode.Must }))
        {
            resumed.Summary["accuracy"] = 0.97;
            resumed.Finish();
        }

        store.AddRun("build", "a", new Dictionary<string, object?> { ["accuracy"] = 0.8 });
        store.AddRun("build", "b", new Dictionary<string, object?> { ["accuracy"] = 0.9 });
        var model = ReportModel.Build(prepared, Options(store, "prepared"), clock.UtcNow);

        var shown = model.Detail.Runs;
        var kept = shown.Where(r => r.Group is "old-3" or "old-4" && r.Id != changed).ToList();
        Assert.AreEqual(5, kept.Count, "the runs of the two newest old groups that did not change");
        Assert.IsTrue(kept.All(RunsJsonEntries.IsMade) && kept.All(PageRunCells.IsMade), "their texts were made by the read-ahead, for the objects the report shows");
        var anew = shown.Where(r => r.Group == "build" || r.Id == changed).ToList();
        Assert.AreEqual(3, anew.Count);
        Assert.IsFalse(anew.Any(RunsJsonEntries.IsMade) || anew.Any(PageRunCells.IsMade), "the runs written or changed since have texts of their own to make");

        Assert.AreSame(madeAhead, model.Main.Groups.Single(g => g.Label == "old-3"), "the report takes the unchanged group the read-ahead made");
        Assert.IsTrue(RunsJsonGroupEntries.IsMade(madeAhead!), "with its runs.json entry, made by the read-ahead");
        var changedGroup = model.Main.Groups.Single(g => g.Label == "old-4");
        Assert.AreNotSame(madeAheadOfChanged, changedGroup, "the group of the run changed since is made anew");
        Assert.IsFalse(RunsJsonGroupEntries.IsMade(changedGroup), "and so is its entry");
        Assert.AreEqual(0.97, changedGroup.Summary["accuracy"].Max, 1e-12);

        var summarised = model.ByGroup.Groups.Select(g => g.OnlyAggregate).OfType<Wandb.Grouping.Aggregates.GroupAggregate>().ToList();
        Assert.AreEqual(3, summarised.Count, "old-0 to old-2 do not fit the budget");
        Assert.IsTrue(summarised.All(RunsJsonGroupEntries.IsMade), "their runs.json entries were made by the read-ahead, for the aggregates the report writes");
        Assert.AreEqual(3, model.Detail.SummaryOnly.Count);
        Assert.IsTrue(model.Detail.SummaryOnly.All(PageOmittedGroupText.IsMade), "and their entries in the page, for the group objects the page lists");

        var report = ReportWriter.Write(model, prepared, Directory.CreateDirectory(Path.Combine(store.Root, "prepared")).FullName);
        var unprepared = ReportWriter.WriteAll(store.Reader(), Options(store, "unprepared"), clock);
        Assert.AreEqual(File.ReadAllText(unprepared.JsonPath!), File.ReadAllText(report.JsonPath!));
        Assert.AreEqual(File.ReadAllText(unprepared.HtmlPath!), File.ReadAllText(report.HtmlPath!));
        StringAssert.Contains(File.ReadAllText(report.JsonPath!), "\"accuracy\": 0.97", "the resumed run as it is now");
    }

    [TestMethod]
    public void A_run_entry_made_on_its_own_is_the_text_the_runs_json_writer_writes_in_place()
    {
        var start = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(1));
        var runs = new[]
        {
            new StoredRun { Id = "a1", Name = "plain", Project = "p", CreatedAt = start, UpdatedAt = start },
            new StoredRun
            {
                Id = "b2", Name = "</script>\"ü\u2028", Project = "p", Group = "g", JobType = "train", Tags = new[] { "x", "<y>" }, Notes = "line\nbreak",
                State = RunState.Failed, ExitCode = 3, CreatedAt = start, FinishedAt = start.AddSeconds(1.5), UpdatedAt = start.AddSeconds(1.5),
                Config = new Dictionary<string, object?> { ["model"] = new Dictionary<string, object?> { ["layers"] = 3L, ["act"] = "relu" }, ["list"] = new List<object?> { 1L, null, "s" } },
                Summary = new Dictionary<string, object?> { ["loss"] = double.NaN, ["acc"] = 0.1 + 0.2, ["big"] = double.PositiveInfinity, ["none"] = null },
            },
            new StoredRun { Id = "c3", Name = "large", Project = "p", CreatedAt = start, UpdatedAt = start, Config = new Dictionary<string, object?> { ["prompt"] = new string('x', 40_000) } },
        }.Concat(Enumerable.Range(0, 400).Select(i => new StoredRun
        {
            Id = "d" + i, Name = "many", Project = "p", Group = "g" + (i % 7), CreatedAt = start.AddSeconds(i), UpdatedAt = start.AddSeconds(i + 1),
            Summary = new Dictionary<string, object?> { ["loss"] = 1.0 / (i + 1), ["note"] = new string('n', i % 500) },
        })).ToList();

        var inPlace = Written(json => runs.ForEach(r => ReportRunWriter.WriteRun(json, r, ReportRunWriter.RunsJsonFields)));
        RunsJsonEntries.Make(runs);
        var fromEntries = Written(json => runs.ForEach(r => json.WriteRawValue(RunsJsonEntries.Of(r))));

        Assert.AreEqual(inPlace, fromEntries);
        StringAssert.Contains(fromEntries, "\n    {\n      \"id\": \"b2\"", "each entry indented as the second level of runs.json");
    }

    /// <summary>The text of a runs.json-like document whose <c>runs</c> are written by <paramref name="runs"/>.</summary>
    private static string Written(Action<JsonWriter> runs)
    {
        var text = new StringWriter();
        using (var json = JsonConventions.CreateWriter(text, Formatting.Indented))
        {
            json.WriteStartObject();
            json.WritePropertyName("runs");
            json.WriteStartArray();
            runs(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static ReportOptions Options(TempStore store, string name) =>
        new() { OutputDirectory = Path.Combine(store.Root, name), MaxDetailRuns = 8, FocusGroups = { "build" }, Html = true };
}
