using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>A page with many metrics draws the charts near the window only, and the others as they are scrolled to.</summary>
[TestClass]
public sealed class LazyChartTests
{
    private const int Metrics = 300;

    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("lazy-charts");
        var metrics = Enumerable.Range(0, Metrics).ToDictionary(m => "m" + m.ToString("000"), m => (Func<int, double>)(step => m + step));
        for (var i = 0; i < 2; i++)
        {
            _store.AddRun(new RunSpec { Name = "run-" + i, Group = "g", Metrics = metrics, Steps = 5 });
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    private static async Task<int> DrawnAsync(ReportPage report) =>
        await report.Page.Locator("[data-testid=chart] canvas").CountAsync();

    [TestMethod]
    public async Task Charts_off_screen_are_not_drawn_until_scrolled_into_view()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var cards = report.TestId("chart");
        Assert.AreEqual(Metrics, await cards.CountAsync(), "every metric has its card");

        var drawn = await DrawnAsync(report);
        Assert.IsTrue(drawn > 0 && drawn <= 60, $"only the charts near the window are drawn at first: {drawn} of {Metrics}");
        var last = cards.Last;
        Assert.AreEqual(0, await last.Locator("canvas").CountAsync(), "the last chart is not drawn");
        StringAssert.Contains(await last.GetAttributeAsync("class"), "pending");

        await last.ScrollIntoViewIfNeededAsync();
        await last.Locator("canvas").WaitForAsync(new() { Timeout = 5_000 });
        Assert.AreEqual("1", await last.GetAttributeAsync("data-lines"), "drawn when scrolled to, with its group line");
        StringAssert.Contains(await last.Locator(".legend-stats").TextContentAsync(), "n=2");
        Assert.IsTrue(await DrawnAsync(report) <= 60 + 24, "charts far from the window were released as others were drawn");

        await cards.Nth(Metrics / 2).ScrollIntoViewIfNeededAsync();
        await cards.Nth(Metrics / 2).Locator("canvas").WaitForAsync(new() { Timeout = 5_000 });
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task A_closed_section_draws_nothing_and_a_search_draws_only_what_it_finds()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("chart-section").First.Locator("summary").ClickAsync();
        Assert.AreEqual(0, await report.TestId("chart").CountAsync());

        await report.TestId("chart-section").First.Locator("summary").ClickAsync();
        await report.TestId("metric-search").FillAsync("m29");
        CollectionAssert.AreEqual(Enumerable.Range(290, 10).Select(m => "m" + m).ToArray(),
            await report.TestId("chart").EvaluateAllAsync<string[]>("c => c.map(e => e.dataset.metric)"));
        Assert.AreEqual(10, await DrawnAsync(report), "the few charts found are all drawn");
    }
}
