using Microsoft.Playwright;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

[TestClass]
public sealed class GroupedViewTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("grouped");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_report_opens_from_disk_and_is_used_without_console_errors_or_network_requests()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("group-toggle").ClickAsync();
        await report.TestId("group-toggle").ClickAsync();
        await report.TestId("group-by").SelectOptionAsync("job_type");
        await report.TestId("chart").First.HoverAsync();
        await report.Page.Locator("[data-testid=group-list] a").First.ClickAsync();
        await report.Page.WaitForSelectorAsync("[data-testid=group-title]");

        var csp = await report.Page.Locator("meta[http-equiv=Content-Security-Policy]").GetAttributeAsync("content");
        StringAssert.StartsWith(csp, "default-src 'none';");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.NetworkRequests, string.Join("\n", report.NetworkRequests));
    }

    [TestMethod]
    public async Task Runs_are_grouped_by_group_by_default_with_one_aggregate_line_per_group_in_each_metric_chart()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, width: 1500, height: 1100);

        CollectionAssert.AreEqual(new[] { "baseline", "deep-trees", "wide-trees" }, await report.GroupRowLabelsAsync());
        Assert.AreEqual(0, await report.RunRowCountAsync());
        CollectionAssert.AreEqual(new[] { "accuracy", "loss" }, await report.TestId("chart").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.metric)"));
        CollectionAssert.AreEqual(new[] { 3, 3 }, await report.ChartLinesAsync());
        var names = await report.Page.Locator("[data-testid=group-list] a .label").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "deep-trees", "wide-trees", "baseline" }, names.ToArray(), "the sidebar lists the most recently started group first");

        await report.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("report-default.png"), FullPage = true });
    }

    [TestMethod]
    public async Task The_grouping_toggle_turns_group_rows_and_lines_into_one_row_and_one_line_per_run_and_back()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await report.TestId("group-toggle").ClickAsync();
        Assert.AreEqual(0, (await report.GroupRowLabelsAsync()).Length);
        Assert.AreEqual(12, await report.RunRowCountAsync());
        CollectionAssert.AreEqual(new[] { 12, 12 }, await report.ChartLinesAsync());

        await report.TestId("group-toggle").ClickAsync();
        Assert.AreEqual(3, (await report.GroupRowLabelsAsync()).Length);
        CollectionAssert.AreEqual(new[] { 3, 3 }, await report.ChartLinesAsync());
    }

    [TestMethod]
    public async Task Grouping_by_a_config_key_regroups_the_table_and_the_charts()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await report.TestId("group-by").SelectOptionAsync("config:learning_rate");

        CollectionAssert.AreEqual(new[] { "0.05", "0.1" }, await report.GroupRowLabelsAsync());
        CollectionAssert.AreEqual(new[] { 2, 2 }, await report.ChartLinesAsync());
        var counts = await report.Page.Locator("[data-testid=runs-table] tr.group-row .count").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "6", "6" }, counts.ToArray());
    }

    [TestMethod]
    public async Task A_second_group_by_key_nests_groups_and_splits_the_lines()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await report.TestId("group-by").SelectOptionAsync("config:optimizer.name");
        await report.TestId("group-by-then").SelectOptionAsync("job_type");

        CollectionAssert.AreEqual(new[] { "adam", "sgd" }, await report.GroupRowLabelsAsync());
        CollectionAssert.AreEqual(new[] { 4, 4 }, await report.ChartLinesAsync());
        await report.Page.GetByRole(AriaRole.Button, new() { Name = "Expand all" }).ClickAsync();
        CollectionAssert.AreEqual(new[] { "adam", "eval", "train", "sgd", "eval", "train" }, await report.GroupRowLabelsAsync());
        Assert.AreEqual(12, await report.RunRowCountAsync());
    }

    [TestMethod]
    public async Task The_filter_box_narrows_the_table_and_the_charts()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await report.TestId("runs-filter").FillAsync("wide");
        await report.Page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=runs-table] tr.group-row').length === 1");

        CollectionAssert.AreEqual(new[] { "wide-trees" }, await report.GroupRowLabelsAsync());
        CollectionAssert.AreEqual(new[] { 1, 1 }, await report.ChartLinesAsync());
    }

    [TestMethod]
    public async Task Group_rows_show_the_mean_and_the_other_statistics_on_hover_and_by_column_choice()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var column = await report.Page.Locator("[data-testid=runs-table] thead button.sort").AllTextContentsAsync();
        var numTrees = column.ToList().FindIndex(c => c.StartsWith("num_trees", StringComparison.Ordinal));
        var cell = report.Page.Locator("[data-testid=runs-table] tr.group-row").Nth(1).Locator("td").Nth(numTrees);

        Assert.AreEqual("300", await cell.TextContentAsync());
        StringAssert.Contains(await cell.GetAttributeAsync("title"), "std 0");

        var loss = column.ToList().FindIndex(c => c.StartsWith("loss", StringComparison.Ordinal));
        var lossCell = report.Page.Locator("[data-testid=runs-table] tr.group-row").First.Locator("td").Nth(loss);
        var mean = double.Parse(await lossCell.TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        await report.Page.Locator("[data-testid=runs-table] thead tr:not(.sections) th").Nth(loss).Locator("[data-testid=col-agg]").ClickAsync();
        await report.Page.Locator("[data-testid=runs-table] thead tr:not(.sections) th").Nth(loss).Locator("[data-testid=col-agg]").ClickAsync();
        var min = double.Parse(await lossCell.TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        Assert.AreEqual("min", await report.Page.Locator("[data-testid=runs-table] thead tr:not(.sections) th").Nth(loss).Locator("[data-testid=col-agg]").TextContentAsync());
        Assert.IsTrue(min < mean, $"min {min} should be below mean {mean}");
    }

    [TestMethod]
    public async Task The_group_comparison_beside_the_table_marks_the_best_group_and_tests_the_others_against_it()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var panel = report.TestId("group-comparison");

        await panel.Locator("[data-testid=compare-metric]").SelectOptionAsync("accuracy");
        Assert.AreEqual(3, await panel.Locator("tbody tr").CountAsync());
        StringAssert.Contains(await panel.Locator("tr.baseline").InnerTextAsync(), "deep-trees");
        var pValues = await panel.Locator("tbody tr:not(.baseline) td:last-child").AllTextContentsAsync();
        Assert.AreEqual(2, pValues.Count);
        Assert.IsTrue(pValues.All(p => p == "<0.001" || double.Parse(p, System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 1), string.Join(", ", pValues));

        await panel.Locator("[data-testid=compare-metric]").SelectOptionAsync("loss");
        StringAssert.Contains(await panel.Locator("tr.baseline").InnerTextAsync(), "deep-trees");

        await report.TestId("group-by").SelectOptionAsync("config:learning_rate");
        Assert.AreEqual(2, await report.TestId("group-comparison").Locator("tbody tr").CountAsync());
    }
}
