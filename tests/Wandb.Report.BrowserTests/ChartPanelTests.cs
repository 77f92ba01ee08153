using System.Globalization;
using Microsoft.Playwright;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// The chart panels: sections by metric prefix that collapse, the metric search, show runs, the legend's
/// figures and toggles, and each chart's CSV and PNG downloads, on two groups of two runs whose values are
/// known: run i of group g logs step + 10 i + 100 g.
/// </summary>
[TestClass]
public sealed class ChartPanelTests
{
    private static readonly string[] Groups = { "alpha", "beta" };

    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("chart-panels");
        for (var g = 0; g < Groups.Length; g++)
        {
            for (var i = 0; i < 2; i++)
            {
                var offset = (10 * i) + (100 * g);
                _store.AddRun(new RunSpec
                {
                    Name = $"{Groups[g]}-{i}",
                    Group = Groups[g],
                    Config = new Dictionary<string, object?> { ["seed"] = i },
                    Metrics = new Dictionary<string, Func<int, double>>
                    {
                        ["train/loss"] = step => step + offset,
                        ["train/acc"] = step => 0.5 + (0.01 * step),
                        ["valid_loss"] = step => 2.0 * (step + offset),
                        ["valid_acc"] = step => 0.4 + (0.01 * step),
                        ["lr"] = _ => 0.1,
                    },
                });
            }
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    private static ILocator Chart(ReportPage report, string metric) => report.Page.Locator($"[data-testid=chart][data-metric=\"{metric}\"]");

    private static async Task<string[]> ChartMetricsAsync(ReportPage report) =>
        await report.TestId("chart").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.metric)");

    [TestMethod]
    public async Task Metrics_come_in_sections_by_prefix_that_collapse_and_open_again()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var sections = report.TestId("chart-section");

        CollectionAssert.AreEqual(new[] { "metrics", "train", "valid" }, await sections.EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.section)"));
        CollectionAssert.AreEqual(new[] { "lr" }, await sections.Nth(0).Locator("[data-testid=chart]").EvaluateAllAsync<string[]>("c => c.map(e => e.dataset.metric)"));
        CollectionAssert.AreEquivalent(new[] { "train/loss", "train/acc" }, await sections.Nth(1).Locator("[data-testid=chart]").EvaluateAllAsync<string[]>("c => c.map(e => e.dataset.metric)"));

        var train = sections.Nth(1);
        await train.Locator("summary").ClickAsync();
        Assert.IsFalse(await train.EvaluateAsync<bool>("d => d.open"), "the section closed");
        await report.WaitUntilAsync("() => document.querySelectorAll('[data-testid=chart-section][data-section=train] [data-testid=chart]').length === 0");
        Assert.AreEqual(0, await train.Locator("[data-testid=chart]").CountAsync(), "a closed section holds no charts");
        Assert.AreEqual(3, await report.TestId("chart").CountAsync(), "the other sections keep theirs");

        await train.Locator("summary").ClickAsync();
        await train.Locator("[data-testid=chart] canvas").First.WaitForAsync();
        Assert.AreEqual(2, await train.Locator("[data-testid=chart]").CountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_metric_search_keeps_the_matching_metrics_and_their_sections_only()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await report.TestId("metric-search").FillAsync("LOSS");
        CollectionAssert.AreEquivalent(new[] { "train/loss", "valid_loss" }, await ChartMetricsAsync(report));
        CollectionAssert.AreEqual(new[] { "train", "valid" }, await report.TestId("chart-section").EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.section)"));
        StringAssert.Contains(await report.TestId("chart-section").First.Locator(".section-count").TextContentAsync(), "1 of 2");

        await report.TestId("metric-search").FillAsync("no such metric");
        Assert.AreEqual(0, await report.TestId("chart").CountAsync());
        StringAssert.Contains(await report.Page.Locator(".chart-sections .empty").TextContentAsync(), "no such metric");

        await report.TestId("metric-search").FillAsync("");
        Assert.AreEqual(5, await report.TestId("chart").CountAsync());
    }

    [TestMethod]
    public async Task Show_runs_draws_each_run_faintly_under_its_group_line()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = Chart(report, "train/loss");

        Assert.IsFalse(await report.TestId("show-runs").IsCheckedAsync(), "the all-runs page shows group lines only");
        Assert.AreEqual("0", await chart.GetAttributeAsync("data-run-lines"));
        var before = await chart.Locator("canvas").EvaluateAsync<string>("c => c.toDataURL()");

        await report.TestId("show-runs").CheckAsync();
        chart = Chart(report, "train/loss");
        Assert.AreEqual("4", await chart.GetAttributeAsync("data-run-lines"), "one faint line per run");
        Assert.AreEqual("2", await chart.GetAttributeAsync("data-lines"), "the group lines stay");
        Assert.AreNotEqual(before, await chart.Locator("canvas").EvaluateAsync<string>("c => c.toDataURL()"));

        await report.TestId("show-runs").UncheckAsync();
        Assert.AreEqual("0", await Chart(report, "train/loss").GetAttributeAsync("data-run-lines"));
    }

    [TestMethod]
    public async Task The_legend_gives_each_group_mean_std_min_max_and_n_and_toggles_its_line()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = Chart(report, "train/loss");
        var legend = chart.Locator("[data-testid=legend]");
        var rows = legend.Locator(".legend-row");

        Assert.AreEqual(2, await rows.CountAsync());
        for (var g = 0; g < Groups.Length; g++)
        {
            // At the last step, 19: the runs hold 19 + 100 g and 29 + 100 g.
            var row = rows.Nth(g);
            Assert.AreEqual(19.0, Attribute(await row.GetAttributeAsync("data-x")));
            Assert.AreEqual(24.0 + (100 * g), Attribute(await row.GetAttributeAsync("data-mean")), 1e-9);
            Assert.AreEqual(Math.Sqrt(50), Attribute(await row.GetAttributeAsync("data-std")), 1e-9);
            Assert.AreEqual(19.0 + (100 * g), Attribute(await row.GetAttributeAsync("data-min")));
            Assert.AreEqual(29.0 + (100 * g), Attribute(await row.GetAttributeAsync("data-max")));
            Assert.AreEqual("2", await row.GetAttributeAsync("data-n"));
            Assert.AreEqual($"{24 + (100 * g)} ± 7.071 · {19 + (100 * g)}–{29 + (100 * g)} · n=2", await row.Locator(".legend-stats").TextContentAsync());
        }

        await rows.Nth(0).Locator(".legend-item").ClickAsync();
        chart = Chart(report, "train/loss");
        Assert.AreEqual("1", await chart.GetAttributeAsync("data-lines"), "the clicked group's line is hidden");
        Assert.AreEqual("true", await chart.Locator(".legend-item").First.EvaluateAsync<string>("b => String(b.classList.contains('off'))"));
        await chart.Locator(".legend-item").First.ClickAsync();
        Assert.AreEqual("2", await Chart(report, "train/loss").GetAttributeAsync("data-lines"), "and shown again");
    }

    [TestMethod]
    public async Task The_chart_csv_holds_the_plotted_group_statistics_step_by_step()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = Chart(report, "train/loss");
        await chart.Locator("[data-testid=band]").SelectOptionAsync("minmax");

        var download = await report.Page.RunAndWaitForDownloadAsync(() => Chart(report, "train/loss").Locator("[data-testid=chart-csv]").ClickAsync());
        Assert.AreEqual("train_loss.csv", download.SuggestedFilename);
        var lines = File.ReadAllText(await download.PathAsync() ?? throw new AssertFailedException("no file")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.AreEqual("step,alpha mean,alpha min-max high,alpha min-max low,alpha n,beta mean,beta min-max high,beta min-max low,beta n", lines[0]);
        Assert.AreEqual(21, lines.Length, "a row per step");
        for (var step = 0; step < 20; step++)
        {
            var cells = lines[step + 1].Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            var expected = new List<double> { step };
            for (var g = 0; g < Groups.Length; g++)
            {
                double[] values = { step + (100 * g), step + 10 + (100 * g) };
                expected.AddRange(new[] { values.Average(), values.Max(), values.Min(), 2 });
            }

            CollectionAssert.AreEqual(expected, cells, "step " + step);
        }

        // The last row is what the legend shows at the last step.
        var last = lines[^1].Split(',');
        Assert.AreEqual(Attribute(await chart.Locator(".legend-row").Nth(1).GetAttributeAsync("data-mean")), double.Parse(last[5], CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task The_chart_png_is_a_png_image_of_the_chart()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var chart = Chart(report, "valid_loss");
        var canvasWidth = await chart.Locator("canvas").EvaluateAsync<int>("c => c.width");
        var fit = await chart.Locator(".plot").EvaluateAsync<double[]>("p => [p.clientWidth, p.querySelector('.uplot').offsetWidth]");
        Assert.IsTrue(Math.Abs(fit[0] - fit[1]) <= 2, $"the chart ({fit[1]} px) fills its card's plot area ({fit[0]} px)");

        var download = await report.Page.RunAndWaitForDownloadAsync(() => chart.Locator("[data-testid=chart-png]").ClickAsync());
        Assert.AreEqual("valid_loss.png", download.SuggestedFilename);
        var bytes = File.ReadAllBytes(await download.PathAsync() ?? throw new AssertFailedException("no file"));

        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8).ToArray(), "PNG signature");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        var height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.IsTrue(width > canvasWidth, $"the image ({width} px) holds the chart's canvas ({canvasWidth} px) with a margin");
        Assert.IsTrue(height > 240, "and its title and legend under it: " + height + " px");
        Assert.AreEqual("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4), "the file is complete");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.NetworkRequests, "the downloads are made in the page");
    }

    private static double Attribute(string? value) =>
        double.Parse(value ?? throw new AssertFailedException("attribute missing"), CultureInfo.InvariantCulture);
}
