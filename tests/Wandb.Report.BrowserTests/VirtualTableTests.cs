using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>A table longer than the paged limit builds only the rows in view, and every row is reachable by scrolling.</summary>
[TestClass]
public sealed class VirtualTableTests
{
    private const int Runs = 1500;
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("virtual-table");
        for (var i = 0; i < Runs; i++)
        {
            _store.AddRun(new RunSpec
            {
                Name = $"run-{i:D4}",
                Config = new Dictionary<string, object?> { ["fold"] = i % 5 },
                Metrics = new Dictionary<string, Func<int, double>> { ["loss"] = _ => 1.0 / (i + 1) },
                Steps = 1,
            });
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task Only_the_rows_in_view_are_built_and_scrolling_reaches_the_last_run()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var table = report.TestId("runs-table");

        Assert.AreEqual((Runs + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await table.GetAttributeAsync("aria-rowcount"), "2 heading rows and every run");
        var built = await report.RunRowCountAsync();
        Assert.IsTrue(built is > 10 and < 120, built + " rows built of " + Runs);
        Assert.AreEqual(0, await report.TestId("more-rows").CountAsync(), "scrolled, not paged");
        Assert.AreEqual("run-0000", await report.Page.Locator("tr.run-row td.name a").First.TextContentAsync());

        await report.Page.Locator(".table-wrap").EvaluateAsync("w => { w.scrollTop = w.scrollHeight; }");
        await report.Page.Locator("tr.run-row td.name a", new() { HasText = $"run-{Runs - 1:D4}" }).WaitForAsync();
        Assert.IsTrue(await report.RunRowCountAsync() < 120);
        Assert.IsTrue(await report.Page.Locator("tr.run-row td.name a", new() { HasText = $"run-{Runs - 1:D4}" }).IsVisibleAsync(), "the last run is in view at the bottom");

        await report.Page.Locator(".table-wrap").EvaluateAsync("w => { w.scrollTop = w.scrollHeight / 2; }");
        await report.Page.Locator("tr.run-row td.name a", new() { HasText = "run-0750" }).WaitForAsync(new() { Timeout = 5_000 });

        var csv = await RunsTableTests.ExportAsync(report);
        Assert.AreEqual(Runs, csv.Length - 1, "the CSV holds every row, built or not");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task Arrow_keys_walk_past_the_rows_built_at_first()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.Page.Locator("tr[data-row='0'] a").FocusAsync();
        for (var i = 0; i < 150; i++)
        {
            await report.Page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.AreEqual("run-0150", await report.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var box = await report.Page.EvaluateAsync<double[]>("() => { const r = document.activeElement.getBoundingClientRect(), f = document.querySelector('.table-wrap').getBoundingClientRect(); return [r.top, r.bottom, f.top, f.bottom]; }");
        Assert.IsTrue(box[0] >= box[2] && box[1] <= box[3], "the focused row is in the table's view: " + string.Join(", ", box));
        await report.Page.Keyboard.PressAsync("End");
        Assert.AreEqual($"run-{Runs - 1:D4}", await report.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }
}
