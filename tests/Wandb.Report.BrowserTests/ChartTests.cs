using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

[TestClass]
public sealed class ChartTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("charts");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    private static Task<string> CanvasAsync(ReportPage report) =>
        report.TestId("chart").First.Locator("canvas").EvaluateAsync<string>("c => c.toDataURL()");

    [TestMethod]
    public async Task Each_band_choice_draws_a_band_per_group_that_differs_from_the_others()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = report.TestId("chart").First;
        var images = new Dictionary<string, string>();

        foreach (var band in new[] { "none", "minmax", "std", "stderr", "ci95" })
        {
            await chart.Locator("[data-testid=band]").SelectOptionAsync(band);
            var bands = int.Parse(await chart.GetAttributeAsync("data-bands") ?? "-1");
            Assert.AreEqual(band == "none" ? 0 : 3, bands, band);
            images[band] = await CanvasAsync(report);
        }

        Assert.AreEqual(5, images.Values.Distinct().Count(), "every band choice draws a different picture");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task Line_statistic_x_axis_log_scale_and_smoothing_each_redraw_the_chart()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = report.TestId("chart").First;
        var seen = new HashSet<string> { await CanvasAsync(report) };

        await chart.Locator("[data-testid=line-agg]").SelectOptionAsync("max");
        Assert.IsTrue(seen.Add(await CanvasAsync(report)), "line = max");
        await chart.Locator("[data-testid=x-axis]").SelectOptionAsync("runtime");
        Assert.IsTrue(seen.Add(await CanvasAsync(report)), "x = runtime");
        await chart.Locator("[data-testid=x-axis]").SelectOptionAsync("metric:loss");
        Assert.IsTrue(seen.Add(await CanvasAsync(report)), "x = loss");
        await chart.Locator("[data-testid=log-scale]").CheckAsync();
        Assert.IsTrue(seen.Add(await CanvasAsync(report)), "log scale");
        await chart.Locator("[data-testid=smoothing]").FillAsync("0.9");
        Assert.IsTrue(seen.Add(await CanvasAsync(report)), "smoothing");
        Assert.AreEqual("3", await chart.GetAttributeAsync("data-lines"));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_tooltip_shows_each_group_value_with_band_edges_and_n()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var over = report.TestId("chart").First.Locator(".u-over");
        var box = await over.BoundingBoxAsync() ?? throw new AssertFailedException("chart has no plot area");

        await report.Page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));

        var tooltip = report.TestId("chart").First.Locator(".tooltip");
        await tooltip.WaitForAsync();
        var rows = await tooltip.Locator(".tt-row").AllInnerTextsAsync();
        Assert.AreEqual(3, rows.Count);
        foreach (var row in rows)
        {
            StringAssert.Matches(row, new System.Text.RegularExpressions.Regex(@"\[[-0-9.e]+, [-0-9.e]+\]"));
            StringAssert.Contains(row, "n=4");
        }
    }

    [TestMethod]
    public async Task A_legend_entry_hides_and_shows_its_line()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = report.TestId("chart").First;

        await chart.Locator(".legend-item").First.ClickAsync();
        Assert.AreEqual("2", await chart.GetAttributeAsync("data-lines"));
        await chart.Locator(".legend-item").First.ClickAsync();
        Assert.AreEqual("3", await chart.GetAttributeAsync("data-lines"));
    }
}
