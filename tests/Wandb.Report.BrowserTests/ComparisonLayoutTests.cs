using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>The comparison panel keeps its p column in view at 1280 px, however long the differences and their intervals are.</summary>
[TestClass]
public sealed class ComparisonLayoutTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("comparison-layout");
        var groups = new[] { "baseline-with-a-rather-long-name", "candidate-with-an-even-longer-name-1", "candidate-2" };
        for (var g = 0; g < groups.Length; g++)
        {
            for (var i = 0; i < 4; i++)
            {
                // Values near -1e-4 and 1.2e5 print as exponents: the longest differences and intervals there are.
                var small = -0.000123456 - (0.0000111 * g) + (0.00000123 * i);
                var large = 123456.789 + (7777.7 * g) - (333.3 * i);
                _store.AddRun(new RunSpec
                {
                    Name = groups[g] + "-" + i,
                    Group = groups[g],
                    Metrics = new Dictionary<string, Func<int, double>> { ["drift"] = step => small, ["throughput"] = step => large },
                    Steps = 2,
                });
            }
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_p_column_stays_inside_the_panel_with_long_differences_at_1280_pixels()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, width: 1280, height: 900);
        var panel = report.TestId("group-comparison");

        foreach (var metric in new[] { "drift", "throughput" })
        {
            await panel.Locator("[data-testid=compare-metric]").SelectOptionAsync(metric);
            var scroll = panel.Locator(".compare-scroll");
            Assert.IsTrue(await scroll.EvaluateAsync<bool>("s => s.scrollWidth <= s.clientWidth"), metric + ": the table needs no horizontal scrolling");
            var bounds = await scroll.BoundingBoxAsync() ?? throw new AssertFailedException("no comparison table");
            var header = await panel.Locator("thead th").Last.BoundingBoxAsync() ?? throw new AssertFailedException("no p header");
            Assert.AreEqual("p", await panel.Locator("thead th").Last.TextContentAsync());
            Assert.IsTrue(header.X + header.Width <= bounds.X + bounds.Width + 0.5, $"{metric}: the p header ends at {header.X + header.Width}, the panel at {bounds.X + bounds.Width}");
            var pCells = panel.Locator("tbody tr:not(.baseline) td:last-child");
            Assert.AreEqual(2, await pCells.CountAsync());
            foreach (var cell in await pCells.AllAsync())
            {
                var box = await cell.BoundingBoxAsync() ?? throw new AssertFailedException("p cell not laid out");
                Assert.IsTrue(box.X + box.Width <= bounds.X + bounds.Width + 0.5, $"{metric}: a p cell ends at {box.X + box.Width}, the panel at {bounds.X + bounds.Width}");
                Assert.IsTrue(await cell.EvaluateAsync<bool>("c => c.scrollWidth <= c.clientWidth"), metric + ": the p value is not cut: " + await cell.TextContentAsync());
                Assert.AreEqual(1, await cell.EvaluateAsync<int>("c => { const r = document.createRange(); r.selectNodeContents(c); return new Set(Array.from(r.getClientRects(), b => Math.round(b.top))).size; }"),
                    metric + ": the p value is on one line: " + await cell.TextContentAsync());
                StringAssert.Matches(await cell.TextContentAsync(), new System.Text.RegularExpressions.Regex(@"^(<0\.001|0\.\d{3}|1\.000)$"));
            }
        }

    }
}
