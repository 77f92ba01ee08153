using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// Every statistic, comparison and chart of a page covers that page's runs only: two builds of one experiment
/// (grouped by trainer, 6 runs in one, 4 in the other) and a second project in the same store.
/// </summary>
[TestClass]
public sealed class PageScopeTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("page-scope");
        foreach (var (build, perTrainer) in new[] { ("bikes-build-1", 3), ("bikes-build-2", 2) })
        {
            foreach (var (trainer, quality) in new[] { ("sdca", 0.6), ("fasttree", 0.8) })
            {
                for (var i = 0; i < perTrainer; i++)
                {
                    var score = quality + (0.01 * i) + (build.EndsWith('2') ? 0.05 : 0);
                    _store.AddRun(new RunSpec
                    {
                        Project = "bikes",
                        Name = $"{trainer}-{i}",
                        Group = build,
                        Config = new Dictionary<string, object?> { ["trainer"] = trainer },
                        Metrics = new Dictionary<string, Func<int, double>> { ["rmse"] = step => 100 * (1 - score) / (step + 1), ["r2"] = step => score },
                        Steps = 5,
                    });
                }
            }
        }

        for (var seed = 0; seed < 4; seed++)
        {
            _store.AddRun(new RunSpec
            {
                Project = "iris",
                Name = "seed-" + seed,
                Group = "iris-seeds",
                Config = new Dictionary<string, object?> { ["seed"] = seed, ["trainer"] = seed % 2 == 0 ? "sdca" : "lbfgs" },
                Metrics = new Dictionary<string, Func<int, double>> { ["accuracy"] = step => 0.9 + (seed / 100.0), ["log_loss"] = step => 0.3 - (seed / 100.0) },
                Steps = 5,
            });
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task A_group_page_grouped_by_trainer_compares_that_build_s_runs_only()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/bikes-build-1", width: 1440);

        await report.TestId("group-by").SelectOptionAsync("config:trainer");
        await report.TestId("group-comparison").Locator("[data-testid=compare-metric]").SelectOptionAsync("r2");

        var counts = await report.Page.Locator("[data-testid=runs-table] tr.group-row .count").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "3", "3" }, counts.ToArray(), "the table: this build's 6 runs");
        var n = await report.TestId("group-comparison").Locator("tbody tr td:nth-child(2)").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "3", "3" }, n.ToArray(), "the comparison counts the same runs, not both builds' 5 per trainer");
        StringAssert.Contains(await report.TestId("group-comparison").Locator("tr.baseline").InnerTextAsync(), "fasttree");
        CollectionAssert.AreEqual(new[] { "r2", "rmse" }, await report.TestId("chart").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.metric)"));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
    }

    [TestMethod]
    public async Task Another_project_s_group_page_charts_and_compares_its_own_metrics_only()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/iris-seeds", width: 1440);

        CollectionAssert.AreEqual(new[] { "accuracy", "log_loss" }, await report.TestId("chart").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.metric)"),
            "no empty chart of the other project's metrics");
        Assert.AreEqual(0, await report.Page.Locator(".charts .empty").CountAsync());
        StringAssert.Contains(await report.TestId("group-comparison").InnerTextAsync(), "Needs at least two groups", "grouped by group, this page has one group: nothing of another project's to compare");

        await report.TestId("group-by").SelectOptionAsync("config:trainer");
        var metrics = await report.TestId("compare-metric").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        CollectionAssert.AreEqual(new[] { "accuracy", "log_loss" }, metrics);
        var n = await report.TestId("group-comparison").Locator("tbody tr td:nth-child(2)").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "2", "2" }, n.ToArray());
        StringAssert.Contains(await report.Page.Locator(".topbar .meta").TextContentAsync(), "4 metrics", "the header counts the metrics of the picked project's runs (all projects here)");
    }

    [TestMethod]
    public async Task Picking_a_project_charts_its_metrics_only_and_the_filter_narrows_the_comparison()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, width: 1440);

        await report.TestId("project").SelectOptionAsync("bikes");
        CollectionAssert.AreEqual(new[] { "r2", "rmse" }, await report.TestId("chart").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.metric)"));
        StringAssert.Contains(await report.Page.Locator(".topbar .meta").TextContentAsync(), "2 metrics");

        await report.TestId("group-by").SelectOptionAsync("config:trainer");
        await report.TestId("compare-metric").SelectOptionAsync("r2");
        CollectionAssert.AreEqual(new[] { "5", "5" }, (await report.TestId("group-comparison").Locator("tbody tr td:nth-child(2)").AllTextContentsAsync()).ToArray(), "both builds on the page of all runs");

        await report.TestId("runs-filter").FillAsync("fasttree-0");
        await report.Page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=runs-table] tr.group-row').length === 1");
        StringAssert.Contains(await report.TestId("group-comparison").InnerTextAsync(), "Needs at least two groups", "the filter left one trainer");
    }
}
