using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

[TestClass]
public sealed class LargeTableTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("large-table");
        for (var i = 0; i < 230; i++)
        {
            _store.AddRun(new RunSpec
            {
                Name = $"run-{i:D3}",
                Metrics = new Dictionary<string, Func<int, double>> { ["loss"] = step => 1.0 / (step + 1 + i) },
                Steps = 2,
            });
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task A_long_ungrouped_table_shows_200_rows_and_a_button_for_the_rest_while_the_chart_draws_every_run()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        Assert.AreEqual("false", await report.TestId("group-toggle").GetAttributeAsync("aria-pressed"), "no run has a group, so grouping starts off");
        Assert.AreEqual(200, await report.RunRowCountAsync());
        CollectionAssert.AreEqual(new[] { 230 }, await report.ChartLinesAsync());

        await report.TestId("more-rows").ClickAsync();

        Assert.AreEqual(230, await report.RunRowCountAsync());
        Assert.AreEqual(0, await report.TestId("more-rows").CountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }
}
