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
        var blocks = report.Page.Locator(".chart-block");
        Assert.AreEqual((Metrics + 11) / 12, await blocks.CountAsync(), "every metric has its place, a block per dozen");

        var drawn = await DrawnAsync(report);
        var cards = await report.TestId("chart").CountAsync();
        Assert.IsTrue(drawn > 0 && drawn <= 60, $"only the charts near the window are drawn at first: {drawn} of {Metrics}");
        Assert.AreEqual(drawn, cards, "and only they are on the page");
        var last = report.Page.Locator("[data-testid=chart][data-metric=m299]");
        Assert.AreEqual(0, await last.CountAsync(), "the last chart is not there yet");
        var height = await blocks.Last.EvaluateAsync<double>("b => b.getBoundingClientRect().height");
        Assert.IsTrue(height > 300, "an empty block keeps its place on the page: " + height + " px");

        // Down the page block by block: each is drawn as it comes near, and the far ones are released.
        for (var block = 2; block < (Metrics + 11) / 12; block += 2)
        {
            await blocks.Nth(block).ScrollIntoViewIfNeededAsync();
            var metric = "m" + (block * 12).ToString("000");
            await report.Page.Locator($"[data-testid=chart][data-metric={metric}] canvas").WaitForAsync(new() { Timeout = 5_000 });
            var now = await DrawnAsync(report);
            Assert.IsTrue(now <= 60 + 24, $"at {metric}: {now} charts drawn, far ones released");
        }

        await last.Locator("canvas").WaitForAsync(new() { Timeout = 5_000 });
        Assert.AreEqual("1", await last.GetAttributeAsync("data-lines"), "drawn when scrolled to, with its group line");
        StringAssert.Contains(await last.Locator(".legend-stats").TextContentAsync(), "n=2");
        Assert.AreEqual(0, await report.Page.Locator("[data-testid=chart][data-metric=m000]").CountAsync(), "the first charts were released");
        var drawnHeight = await blocks.Last.EvaluateAsync<double>("b => b.getBoundingClientRect().height");
        Assert.IsTrue(Math.Abs(height - drawnHeight) < 200, $"the placeholder ({height} px) had about the height of its charts ({drawnHeight} px)");

        await blocks.First.ScrollIntoViewIfNeededAsync();
        await report.Page.Locator("[data-testid=chart][data-metric=m000] canvas").WaitForAsync(new() { Timeout = 5_000 });
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task A_closed_section_draws_nothing_and_a_search_draws_only_what_it_finds()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("chart-section").First.Locator("summary").ClickAsync();
        // A <details> element reports its toggle in a task of its own: wait for the page to act on it (at most
        // 5 s, then the count below fails the test) instead of reading the count in the same moment as the click.
        await report.WaitUntilAsync("() => document.querySelectorAll('[data-testid=chart]').length === 0");
        Assert.AreEqual(0, await report.TestId("chart").CountAsync());

        await report.TestId("chart-section").First.Locator("summary").ClickAsync();
        await report.TestId("metric-search").FillAsync("m29");
        await report.WaitUntilAsync("() => { const c = [...document.querySelectorAll('[data-testid=chart]')]; return c.length === 10 && c.every(e => e.dataset.metric.startsWith('m29')); }");
        CollectionAssert.AreEqual(Enumerable.Range(290, 10).Select(m => "m" + m).ToArray(),
            await report.TestId("chart").EvaluateAllAsync<string[]>("c => c.map(e => e.dataset.metric)"));
        Assert.AreEqual(10, await DrawnAsync(report), "the few charts found are all drawn");
    }
}
