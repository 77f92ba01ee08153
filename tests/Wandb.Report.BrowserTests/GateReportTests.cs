using System.Globalization;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using Wandb.Gates;
using Wandb.Report.BrowserTests.Infrastructure;
using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// The quality gate in the HTML report: a store with four groups of three folds, the last one worse, gated against a
/// named baseline as a build would (QualityGate, then the verdicts kept in the store, then the reports), and its page.
/// Every number on the page is checked against runs.json's gates or computed here from the runs' values.
/// </summary>
[TestClass]
public sealed class GateReportTests
{
    private const string Metric = "valid.Accuracy";
    private const string Baseline = "g2";

    /// <summary>A group name a page must show as text, never as markup.</summary>
    private const string Current = "now <b id=\"injected\">bold</b> & \"quoted\"";

    /// <summary>Student's t quantile t(0.975, 2): the 95% CI of a mean of three values is mean ± this · s / √3.</summary>
    private const double T975Df2 = 4.302652729911275;

    private static readonly (string Group, double[] Values)[] Groups =
    {
        ("g1", new[] { 0.850, 0.860, 0.855 }),
        (Baseline, new[] { 0.840, 0.850, 0.862 }),
        ("g3", new[] { 0.870, 0.866, 0.875 }),
        (Current, new[] { 0.800, 0.812, 0.805 }),
    };

    private static ReportStore _store = null!;
    private static JArray _gates = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("gate");
        foreach (var (group, values) in Groups)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _store.AddRun(new RunSpec
                {
                    Name = $"fold-{i}",
                    Group = group,
                    JobType = "fold",
                    Steps = 2,
                    Metrics = new Dictionary<string, Func<int, double>> { ["loss"] = step => 1.0 / (step + 1) },
                    Summary = new Dictionary<string, object?> { [Metric] = values[i] },
                });
            }
        }

        var store = RunStore.Open(_store.Directory);
        var rules = new[]
        {
            new GateRule { Metric = Metric, Tolerance = new GateTolerance(0.005, false) },
            new GateRule { Metric = Metric, JobType = "eval" },
        };
        var outcome = QualityGate.Evaluate(store, new GateRequest { Project = "churn", Group = Current, Rules = rules, Baseline = Baseline, BaseDirectory = _store.Directory });
        GateRecords.Save(store, "churn", Current, outcome.Results.Select(r => GateRow.From(r, "churn")).ToList());
        var result = ReportWriter.WriteAll(store, new ReportOptions { FocusGroups = { Current }, Baseline = Baseline });
        _gates = (JArray)JObject.Parse(File.ReadAllText(result.JsonPath!))["gates"]!;
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_group_page_shows_each_verdict_with_both_means_the_difference_p_tolerance_and_baseline_as_runs_json_has_them()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/" + Uri.EscapeDataString(Current), width: 1500, height: 1200);
        var rows = report.Page.Locator(".page-head [data-testid=gate-table] tbody tr");

        Assert.HasCount(2, _gates, "a verdict for fold, and one for the eval job type no run has");
        Assert.AreEqual(2, await rows.CountAsync());
        for (var i = 0; i < 2; i++)
        {
            var row = rows.Nth(i);
            var entry = (JObject)_gates[i];
            Assert.AreEqual((string?)entry["verdict"], await row.GetAttributeAsync("data-verdict"));
            Assert.AreEqual((string?)entry["job_type"], await row.GetAttributeAsync("data-job-type"));
            Assert.AreEqual(Current, await row.GetAttributeAsync("data-group"));
            Assert.AreEqual(Current, await row.Locator("td[data-col=group]").TextContentAsync(), "the group's name is text");
            Assert.AreEqual((int)entry["current"]!["n"]!, (int)Number(await row.GetAttributeAsync("data-n"))!);
            foreach (var (attribute, token) in new[]
            {
                ("data-mean", entry["current"]!["mean"]), ("data-baseline-mean", entry["baseline_stats"]?.Type == JTokenType.Null ? null : entry["baseline_stats"]!["mean"]),
                ("data-difference", entry["difference"]), ("data-difference-low", entry["difference_ci95_low"]), ("data-difference-high", entry["difference_ci95_high"]),
                ("data-p", entry["p"]), ("data-tolerance", entry["tolerance"]),
            })
            {
                var expected = token is null || token.Type == JTokenType.Null ? (double?)null : (double)token;
                Assert.AreEqual(expected, Number(await row.GetAttributeAsync(attribute)), attribute + " of row " + i);
            }
        }

        var regressed = rows.Nth(0);
        Assert.AreEqual("regressed", await regressed.GetAttributeAsync("data-verdict"));
        StringAssert.StartsWith(await regressed.Locator("td[data-col=verdict]").TextContentAsync(), "❌ regressed");
        Assert.AreEqual(Mean(Groups[3].Values), Number(await regressed.GetAttributeAsync("data-mean"))!.Value, 1e-12);
        Assert.AreEqual(Mean(Groups[3].Values) - Mean(Groups[1].Values), Number(await regressed.GetAttributeAsync("data-difference"))!.Value, 1e-12);
        Assert.AreEqual("group g2", await regressed.Locator("td[data-col=baseline]").TextContentAsync());
        Assert.AreEqual($"{Format(Mean(Groups[3].Values))} (3)", (await regressed.Locator("td[data-col=current]").TextContentAsync())!.Split('[')[0]);
        StringAssert.StartsWith(await rows.Nth(1).Locator("td[data-col=verdict]").TextContentAsync(), "⚠️ insufficient data");
        StringAssert.Contains(await report.Page.Locator(".page-head .gate h2").TextContentAsync(), "1 of 2 failed");
        Assert.AreEqual(Baseline, await report.TestId("gate-baseline").Locator("strong").TextContentAsync());
        Assert.AreEqual(0, await report.Page.Locator("#injected").CountAsync(), "no markup from a name");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_trend_chart_draws_the_projects_groups_in_time_order_with_their_means_and_CIs_and_marks_the_baseline()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/" + Uri.EscapeDataString(Current), width: 1500, height: 1200);
        var chart = report.Page.Locator(".page-head [data-testid=trend-chart]");

        Assert.AreEqual(1, await chart.CountAsync(), "one gated metric of one job type has runs");
        Assert.AreEqual(Metric, await chart.GetAttributeAsync("data-metric"));
        Assert.AreEqual("fold", await chart.GetAttributeAsync("data-job-type"));
        var points = chart.Locator("g.trend-point");
        CollectionAssert.AreEqual(Groups.Select(g => g.Group).ToArray(), (await points.EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.group)")).ToArray());
        var xs = await points.Locator("circle").EvaluateAllAsync<double[]>("cs => cs.map(c => Number(c.getAttribute('cx')))");
        CollectionAssert.AreEqual(xs.OrderBy(x => x).ToArray(), xs, "oldest on the left");
        for (var i = 0; i < Groups.Length; i++)
        {
            var values = Groups[i].Values;
            var half = T975Df2 * Std(values) / Math.Sqrt(values.Length);
            var point = points.Nth(i);
            Assert.AreEqual(Mean(values), Number(await point.GetAttributeAsync("data-mean"))!.Value, 1e-12);
            Assert.AreEqual(Mean(values) - half, Number(await point.GetAttributeAsync("data-ci-low"))!.Value, 1e-9);
            Assert.AreEqual(Mean(values) + half, Number(await point.GetAttributeAsync("data-ci-high"))!.Value, 1e-9);
            Assert.AreEqual("3", await point.GetAttributeAsync("data-n"));
        }

        CollectionAssert.AreEqual(new[] { Baseline }, await chart.Locator("g.trend-point[data-baseline=true]").EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.group)"));
        Assert.AreEqual(Current, await chart.Locator("g.trend-point[data-current=true]").GetAttributeAsync("data-group"));
        Assert.AreEqual(Mean(Groups[1].Values), Number(await chart.Locator("line.trend-baseline").GetAttributeAsync("data-mean"))!.Value, 1e-12);
        var baselineY = Number(await chart.Locator("line.trend-baseline").GetAttributeAsync("y1"))!.Value;
        var baselinePointY = Number(await chart.Locator("g.trend-point[data-baseline=true] circle").GetAttributeAsync("cy"))!.Value;
        Assert.AreEqual(baselinePointY, baselineY, 0.11, "the level line goes through the baseline's point");
        var ys = await points.Locator("circle").EvaluateAllAsync<double[]>("cs => cs.map(c => Number(c.getAttribute('cy')))");
        Assert.IsGreaterThan(ys.Take(3).Max(), ys[3], "the worse group is drawn lowest (SVG y grows downwards)");

        await report.Page.Locator(".page-head .gate").ScreenshotAsync(new LocatorScreenshotOptions { Path = Screenshots.PathFor("report-gate.png") });
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_comparison_panel_compares_with_the_gates_baseline_and_lists_the_verdicts_on_the_page_of_all_runs()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, width: 1500, height: 1200);
        var panel = report.TestId("group-comparison");

        Assert.AreEqual(Baseline, await panel.Locator("[data-testid=compare-baseline]").TextContentAsync(), "g3 has the best mean; the gate compared with g2");
        StringAssert.Contains(await panel.TextContentAsync(), "the quality gate's baseline");
        Assert.AreEqual(2, await panel.Locator("[data-testid=gate-table] tbody tr").CountAsync());
        Assert.AreEqual(1, await panel.Locator("[data-testid=trend-chart]").CountAsync());
        Assert.AreEqual(1, await report.TestId("gate-table").CountAsync(), "the page of all runs shows the verdicts once, in the panel");
        Assert.AreEqual(0, await report.Page.Locator("#injected").CountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    private static double Mean(double[] values) => values.Sum() / values.Length;

    private static double Std(double[] values)
    {
        var mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static string Format(double value) => Math.Round(value, 4 - (int)Math.Ceiling(Math.Log10(Math.Abs(value)))).ToString(CultureInfo.InvariantCulture);

    private static double? Number(string? text) => text is null ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
