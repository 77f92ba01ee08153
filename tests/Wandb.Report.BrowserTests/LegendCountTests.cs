using System.Text.RegularExpressions;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>The n of a chart's legend counts the runs that contribute to the line drawn, as the tooltip's n does.</summary>
[TestClass]
public sealed class LegendCountTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("legend-count");
        for (var i = 0; i < 6; i++)
        {
            var metrics = new Dictionary<string, Func<int, double>> { ["loss"] = step => 1.0 / (step + 1 + i) };
            if (i < 3)
            {
                metrics["f1"] = step => 0.5 + (0.01 * step) + (0.02 * i);
            }

            _store.AddRun(new RunSpec { Name = "fold-" + i, Group = "cv", Metrics = metrics, Steps = 10 });
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_legend_n_is_the_number_of_runs_with_the_metric_and_matches_the_tooltip()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var f1 = report.Page.Locator("[data-testid=chart][data-metric=f1]");
        var loss = report.Page.Locator("[data-testid=chart][data-metric=loss]");

        Assert.AreEqual("cv n=3", await f1.Locator(".legend-item").TextContentAsync(), "3 of the group's 6 runs logged f1");
        Assert.AreEqual("cv n=6", await loss.Locator(".legend-item").TextContentAsync());

        var box = await f1.Locator(".u-over").BoundingBoxAsync() ?? throw new AssertFailedException("chart has no plot area");
        await report.Page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        var tooltip = f1.Locator(".tooltip");
        await tooltip.WaitForAsync();
        StringAssert.Matches(await tooltip.Locator(".tt-n").InnerTextAsync(), new Regex("^n=3$"));
    }
}
