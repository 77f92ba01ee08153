using Microsoft.Playwright;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// Aim's grouping modes on the sample experiment (3 groups x 4 runs, learning_rate 0.1 or 0.05 in each group,
/// num_trees one per group): colour by group, stroke style by a second key, one chart per value of a third,
/// and grouping by everything except one config key.
/// </summary>
[TestClass]
public sealed class ChartGroupingModeTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("chart-modes");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    private static ILocator Loss(ReportPage report) => report.Page.Locator("[data-testid=chart][data-metric=loss]");

    [TestMethod]
    public async Task Stroke_by_a_key_splits_each_group_line_into_one_dash_pattern_per_value_in_the_group_colour()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        Assert.AreEqual("3", await Loss(report).GetAttributeAsync("data-lines"));

        await report.TestId("stroke-by").SelectOptionAsync("config:learning_rate");
        var chart = Loss(report);
        Assert.AreEqual("6", await chart.GetAttributeAsync("data-lines"), "3 groups x 2 learning rates");
        var rows = chart.Locator("[data-testid=legend] .legend-row");
        var labels = await rows.Locator(".legend-item").AllTextContentsAsync();
        StringAssert.StartsWith(labels[0], "baseline / 0.05");
        StringAssert.StartsWith(labels[1], "baseline / 0.1");
        var dashes = await rows.EvaluateAllAsync<string[]>("r => r.map(e => e.dataset.dash)");
        Assert.AreEqual(2, dashes.Distinct().Count(), "one dash pattern per learning rate");
        CollectionAssert.AreEqual(new[] { dashes[0], dashes[1] }, new[] { dashes[2], dashes[3] }, "the same value has the same pattern in every group");
        var colors = await rows.Locator(".swatch-line").EvaluateAllAsync<string[]>("s => s.map(e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor)");
        StringAssert.Contains(colors[0] + colors[1], "rgb(78, 121, 167)", "both lines of the first group keep its colour");
        Assert.AreEqual(2, colors.Take(2).Count(c => c.Contains("rgb(78, 121, 167)")));

        await report.TestId("stroke-by").SelectOptionAsync("");
        Assert.AreEqual("3", await Loss(report).GetAttributeAsync("data-lines"));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task Chart_by_a_key_draws_one_chart_per_value_with_that_value_runs()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("chart-by").SelectOptionAsync("config:num_trees");

        var charts = Loss(report);
        Assert.AreEqual(3, await charts.CountAsync(), "one loss chart per num_trees value");
        CollectionAssert.AreEqual(new[] { "100", "200", "300" }, await charts.EvaluateAllAsync<string[]>("c => c.map(e => e.dataset.chartValue)"));
        StringAssert.Contains(await charts.First.Locator("h3").TextContentAsync(), "config.num_trees = 100");
        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual("1", await charts.Nth(i).GetAttributeAsync("data-lines"), "num_trees is one per group: one group line per chart");
            var item = await charts.Nth(i).Locator(".legend-item").TextContentAsync();
            StringAssert.StartsWith(item, SampleStores.Groups[i]);
            StringAssert.Contains(item, "n=4");
        }

        // A chart's settings are the metric's: every chart of it follows.
        await charts.First.Locator("[data-testid=band]").SelectOptionAsync("none");
        CollectionAssert.AreEqual(new[] { "0", "0", "0" }, await Loss(report).EvaluateAllAsync<string[]>("c => c.map(e => e.dataset.bands)"));

        await report.TestId("chart-by").SelectOptionAsync("");
        Assert.AreEqual(1, await Loss(report).CountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task Grouping_by_everything_except_a_key_puts_the_runs_that_differ_only_in_it_together()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("group-except").SelectOptionAsync("except:config:learning_rate");

        // Without learning_rate the varying config keys are num_trees and optimizer.name, one pair per group.
        CollectionAssert.AreEqual(
            new[] { "num_trees=100, optimizer.name=sgd", "num_trees=200, optimizer.name=adam", "num_trees=300, optimizer.name=adam" },
            await report.GroupRowLabelsAsync());
        Assert.AreEqual("3", await Loss(report).GetAttributeAsync("data-lines"));
        StringAssert.Contains(await Loss(report).Locator(".legend-item").First.TextContentAsync(), "n=4");
        Assert.AreEqual("except:config:learning_rate", await report.TestId("group-by").InputValueAsync(), "the group-by list shows the choice");

        await report.TestId("group-except").SelectOptionAsync("except:config:num_trees");
        CollectionAssert.AreEqual(
            new[] { "learning_rate=0.05, optimizer.name=adam", "learning_rate=0.05, optimizer.name=sgd", "learning_rate=0.1, optimizer.name=adam", "learning_rate=0.1, optimizer.name=sgd" },
            await report.GroupRowLabelsAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }
}
