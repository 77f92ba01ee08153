using System.Globalization;
using Newtonsoft.Json;
using Wandb.Reports;
using Wandb.Reports.Html;
using Wandb.Reports.Json;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>
/// The page's runs table extended from the table a read-ahead made of the runs before a build's own
/// (<see cref="PageRunsPrefix"/>, <see cref="PageColumnText"/>) must be the table written whole, byte for byte: the same
/// distinct values in the same order, the same encoding chosen for every column, the same rows of runs without a value.
/// runs.json's entries made ahead of the same runs (<see cref="RunsJsonPrefix"/>) and summary.md's cells of their groups
/// (<see cref="Wandb.Reports.Markdown.MarkdownGroupCells"/>) must give the files written without.
/// </summary>
[TestClass]
public sealed class PageRunsPrefixTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void A_table_extended_from_the_table_of_its_first_runs_is_the_table_written_whole()
    {
        var encodings = new HashSet<string>(StringComparer.Ordinal);
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var runs = Runs(random, random.Next(1, 120));
            var whole = PageData(runs, prefix: null);
            foreach (var first in new[] { 1, random.Next(1, runs.Count + 1), runs.Count }.Distinct())
            {
                var prefix = PageRunsPrefix.Make(runs.Take(first).ToList());
                Assert.AreEqual(whole, PageData(runs, prefix), $"seed {seed}, {runs.Count} runs, the first {first} made ahead");
            }

            foreach (var encoding in new[] { "\"values\":", "\"index\":", "\"repeat\":", "\"rows\":" }.Where(whole.Contains))
            {
                encodings.Add(encoding);
            }
        }

        Assert.HasCount(4, encodings, "the cases cover every encoding of a column: " + string.Join(" ", encodings));
    }

    [TestMethod]
    public void A_refresh_read_ahead_writes_the_page_a_report_without_read_ahead_writes_and_extends_the_kept_table()
    {
        using var store = new TempStore();
        for (var g = 0; g < 6; g++)
        {
            for (var i = 0; i < 4; i++)
            {
                store.AddRun("old-" + g, $"run{g}{i}", new Dictionary<string, object?> { ["loss"] = 0.1 * (g + i) }, jobType: i == 3 ? "eval" : "fold");
            }
        }

        // Three groups of four fit the budget of 15 with room for the build's three runs: the report shows what was read ahead.
        var clock = new ManualClock(Start.AddDays(1));
        var options = new ReportOptions { OutputDirectory = Path.Combine(store.Root, "prepared"), MaxDetailRuns = 15, FocusGroups = { "build" }, Html = true };
        var prepared = store.Reader();
        ReportReadAhead.Prepare(prepared, options.FocusGroups.ToList(), options.MaxDetailRuns);
        for (var i = 0; i < 3; i++)
        {
            store.AddRun("build", "new" + i, new Dictionary<string, object?> { ["loss"] = 0.05, ["only_new"] = i }, jobType: "train");
        }

        var model = ReportModel.Build(prepared, options, clock.UtcNow);
        var originMs = model.Detail.Runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds());
        var prefix = PageRunsPrefix.For(prepared, model.Detail.Runs, originMs);
        Assert.IsNotNull(prefix, "the page's runs begin with the runs read ahead");
        Assert.AreEqual(12, prefix.Runs.Count, "every run but the build's own is in the kept table");
        Assert.AreEqual(15, model.Detail.Runs.Count);
        Assert.AreEqual(12, RunsJsonPrefix.For(prepared, model.Detail.Runs)?.Count, "runs.json's entries of the runs read ahead were made ahead");

        AssertSameReportsAsWithoutReadAhead(store, prepared, options, clock);
    }

    [TestMethod]
    public void When_the_build_s_runs_push_the_oldest_group_out_of_the_budget_the_table_without_it_is_extended()
    {
        using var store = new TempStore();
        for (var g = 0; g < 6; g++)
        {
            for (var i = 0; i < 3; i++)
            {
                store.AddRun("old-" + g, $"run{g}{i}", new Dictionary<string, object?> { ["loss"] = 0.1 * (g + i) });
            }
        }

        // Three groups of three fill the budget of 10 when the read-ahead runs; the build's three runs leave room for two.
        var clock = new ManualClock(Start.AddDays(1));
        var options = new ReportOptions { OutputDirectory = Path.Combine(store.Root, "prepared"), MaxDetailRuns = 10, FocusGroups = { "build" }, Html = true };
        var prepared = store.Reader();
        ReportReadAhead.Prepare(prepared, options.FocusGroups.ToList(), options.MaxDetailRuns);
        for (var i = 0; i < 3; i++)
        {
            store.AddRun("build", "new" + i, new Dictionary<string, object?> { ["loss"] = 0.05 });
        }

        var model = ReportModel.Build(prepared, options, clock.UtcNow);
        var originMs = model.Detail.Runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds());
        var prefix = PageRunsPrefix.For(prepared, model.Detail.Runs, originMs);
        Assert.AreEqual(9, model.Detail.Runs.Count, "the oldest group read ahead no longer fits");
        Assert.IsNotNull(prefix, "the table without the oldest group begins the page's runs");
        CollectionAssert.AreEqual(new[] { "old-4", "old-5" }, prefix.Runs.Select(r => r.Group).Distinct().ToList());
        Assert.AreEqual(6, RunsJsonPrefix.For(prepared, model.Detail.Runs)?.Count, "runs.json's entries without the oldest group were made ahead");

        AssertSameReportsAsWithoutReadAhead(store, prepared, options, clock);
    }

    /// <summary>
    /// Writes the reports from the store object read ahead with <paramref name="options"/>, and from one opened now with the
    /// same options into another folder, and asserts that index.html, runs.json and summary.md are the same.
    /// </summary>
    private static void AssertSameReportsAsWithoutReadAhead(TempStore store, RunStore prepared, ReportOptions options, ManualClock clock)
    {
        var report = ReportWriter.WriteAll(prepared, options, clock);
        var without = new ReportOptions { OutputDirectory = Path.Combine(store.Root, "unprepared"), MaxDetailRuns = options.MaxDetailRuns, Html = options.Html };
        foreach (var group in options.FocusGroups)
        {
            without.FocusGroups.Add(group);
        }

        var unprepared = ReportWriter.WriteAll(store.Reader(), without, clock);
        Assert.AreEqual(File.ReadAllText(unprepared.HtmlPath!), File.ReadAllText(report.HtmlPath!));
        Assert.AreEqual(File.ReadAllText(unprepared.JsonPath!), File.ReadAllText(report.JsonPath!));
        Assert.AreEqual(File.ReadAllText(unprepared.MarkdownPath!), File.ReadAllText(report.MarkdownPath!));
    }

    /// <summary>
    /// Runs in creation order whose fields repeat in stretches, alternate or differ (so every encoding is chosen somewhere),
    /// with values missing here and there (job type, exit code, config keys some runs lack, keys only later runs have).
    /// </summary>
    private static List<StoredRun> Runs(Random random, int count)
    {
        var groups = new[] { "g1", "g2", "g3" };
        var runs = new List<StoredRun>();
        var group = groups[0];
        for (var i = 0; i < count; i++)
        {
            if (random.Next(8) == 0)
            {
                group = groups[random.Next(groups.Length)];
            }

            var config = new Dictionary<string, object?> { ["lr"] = random.Next(3) * 0.01 };
            if (random.Next(3) == 0)
            {
                config["batch"] = random.Next(2) == 0 ? 32 : 64;
            }

            if (i > count / 2)
            {
                config["late"] = "v" + random.Next(2).ToString(CultureInfo.InvariantCulture);
            }

            runs.Add(new StoredRun
            {
                Id = "r" + i.ToString("D4", CultureInfo.InvariantCulture),
                Name = random.Next(4) == 0 ? "same" : "name-" + i.ToString(CultureInfo.InvariantCulture),
                Project = "p",
                Group = random.Next(10) == 0 ? null : group,
                JobType = random.Next(5) == 0 ? null : (i % 2 == 0 ? "train" : "eval"),
                ExitCode = random.Next(6) == 0 ? 1 : null,
                Config = config,
                Summary = new Dictionary<string, object?> { ["loss"] = Math.Round(random.NextDouble(), 3), ["acc"] = random.Next(2) },
                CreatedAt = Start.AddSeconds(i * 1.5),
                UpdatedAt = Start.AddSeconds((i * 1.5) + 1),
                FinishedAt = Start.AddSeconds((i * 1.5) + 1),
            });
        }

        return runs;
    }

    /// <summary>The page data's runs of <paramref name="runs"/>, written as the HTML report writes them.</summary>
    private static string PageData(IReadOnlyList<StoredRun> runs, PageRunsPrefix? prefix)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(buffer) { StringEscapeHandling = StringEscapeHandling.EscapeHtml, FloatFormatHandling = FloatFormatHandling.String, Formatting = Formatting.None })
        {
            json.WriteStartObject();
            json.WritePropertyName("runs");
            PageRunsWriter.Write(json, runs, runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds()), prefix);
            json.WriteEndObject();
        }

        return buffer.ToString();
    }
}
