using Microsoft.Playwright;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

[TestClass]
public sealed class GroupPageTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("group-page");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task A_group_page_opens_straight_from_its_url_with_the_group_runs_summary_and_charts()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/deep-trees", width: 1500, height: 1100);

        Assert.AreEqual("deep-trees", await report.TestId("group-title").TextContentAsync());
        Assert.AreEqual(4, await report.RunRowCountAsync());
        var runNames = await report.Page.Locator("[data-testid=runs-table] tr.run-row td.name").AllTextContentsAsync();
        Assert.IsTrue(runNames.All(n => n.StartsWith("deep-trees-", StringComparison.Ordinal)), string.Join(", ", runNames));
        var summaryMetrics = await report.Page.Locator("[data-testid=group-summary] tbody tr td:first-child").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "accuracy", "loss" }, summaryMetrics.ToArray());
        CollectionAssert.AreEqual(new[] { 1, 1 }, await report.ChartLinesAsync());
        Assert.AreEqual("deep-trees", await report.Page.Locator("[data-testid=group-list] a.active .label").TextContentAsync());
        StringAssert.Contains(await report.Page.Locator(".cards").InnerTextAsync(), "1 failed");

        await report.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("report-group.png"), FullPage = true });
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_group_list_links_to_each_group_page_and_back_to_all_runs()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await report.Page.Locator("[data-testid=group-list] a", new() { HasText = "wide-trees" }).ClickAsync();
        await report.Page.WaitForURLAsync(url => url.EndsWith("#/group/wide-trees", StringComparison.Ordinal));
        Assert.AreEqual("wide-trees", await report.TestId("group-title").TextContentAsync());
        Assert.AreEqual(4, await report.RunRowCountAsync());

        await report.Page.GetByRole(AriaRole.Link, new() { Name = "All runs" }).First.ClickAsync();

        // The route changes on hashchange, after the click returns: wait for the group view to go.
        await report.TestId("group-title").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.AreEqual(0, await report.TestId("group-title").CountAsync());
        Assert.AreEqual(3, (await report.GroupRowLabelsAsync()).Length);
    }

    [TestMethod]
    public async Task The_group_page_shows_which_config_keys_vary_inside_the_group_and_which_are_constant()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/deep-trees");
        var section = report.TestId("varying-config");

        CollectionAssert.AreEqual(new[] { "learning_rate" }, (await section.Locator("tr[data-key]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)")).ToArray());
        StringAssert.Contains(await section.Locator("tr[data-key=learning_rate]").TextContentAsync(), "2 values");
        var constant = await section.Locator(".constant").TextContentAsync();
        StringAssert.Contains(constant, "num_trees = 300");
        StringAssert.Contains(constant, "optimizer.name = adam");
        StringAssert.Contains(await report.Page.Locator(".cards").TextContentAsync(), "train ×3, eval ×1", "job types with counts");
    }
}
