using Microsoft.Playwright;
using Wandb.Benchmarks.Harness;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Benchmarks.Html;

/// <summary>
/// The HTML report of one run with 200, 1,000 and 10,000 metrics (50 steps each) in headless Chromium: time
/// to interactive, the charts drawn at load, and the time to draw the last chart once scrolled to it. Charts
/// are built when they come near the window, so the page's cost should not grow with the metrics it does
/// not show. Baseline from the same run: the same file with its page script removed.
/// </summary>
public sealed class ManyMetricsBenchmark : IBenchmark
{
    private const int Loads = 3;
    private const int Steps = 50;
    private static readonly int[] MetricCounts = { 200, 1000, 10_000 };

    public string Name => "html-metrics";

    public string Description => "HTML report, one run with 200 / 1,000 / 10,000 metrics: interactive <= 2 s at 10,000 (headless Chromium, medians)";

    public void Run(BenchmarkReport report) => RunAsync(report).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchmarkReport report)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);

        var interactiveAtFewest = 0.0;
        foreach (var metrics in MetricCounts)
        {
            var directory = BenchmarkReport.TempDirectory("html-metrics");
            try
            {
                var path = WriteReport(directory, metrics);
                if (metrics == MetricCounts[^1] && System.Environment.GetEnvironmentVariable("WANDB_BENCH_KEEP_METRICS_HTML") is { Length: > 0 } keep)
                {
                    File.Copy(path, keep, overwrite: true);   // to look at (or profile) the widest page afterwards
                }

                var bare = HeadlessChromium.WriteScriptFreeCopy(path);

                var loads = new List<Load>();
                for (var i = 0; i < Loads; i++)
                {
                    loads.Add(await LoadAsync(browser, path));
                }

                var bareLoads = new List<double>();
                for (var i = 0; i < Loads; i++)
                {
                    bareLoads.Add((await LoadAsync(browser, bare, scrollToLast: false)).Interactive);
                }

                var interactive = BenchmarkReport.Median(loads.Select(l => l.Interactive).ToList());
                var parseOnly = BenchmarkReport.Median(bareLoads);
                interactiveAtFewest = interactiveAtFewest == 0 ? interactive : interactiveAtFewest;
                report.Line($"-- {metrics:N0} metrics, {Steps} steps, index.html {new FileInfo(path).Length / 1048576.0:N1} MiB");
                report.Figure($"time to interactive (median of {Loads})", interactive, "ms");
                report.Figure($"baseline: same file without the page script (median of {Loads})", parseOnly, "ms");
                report.Figure("charts drawn at load", loads[0].Drawn, $"of {metrics:N0}, in {loads[0].Blocks:N0} blocks");
                report.Figure($"last block's charts drawn after scrolling to it (median of {Loads})", BenchmarkReport.Median(loads.Select(l => l.LastChart).ToList()), "ms");
                report.Ratio("interactive / baseline", interactive / parseOnly, "(info)", true);
                report.Ratio($"interactive / interactive at {MetricCounts[0]} metrics", interactive / interactiveAtFewest, "(info)", true);
                report.Ratio("interactive / 2 s", interactive / 2000, "< 1", interactive < 2000);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string WriteReport(string directory, int metrics)
    {
        var names = Enumerable.Range(0, metrics).Select(m => $"{(m % 4 == 0 ? "train/" : m % 4 == 1 ? "valid/" : "layer" + (m % 40) + ".")}metric_{m:D5}").ToArray();
        var options = new RunOptions { Dir = directory, Project = "wide", Name = "wide-run", Group = "wide" };
        using (var run = global::Wandb.Run.Init(options))
        {
            for (var step = 0; step < Steps; step++)
            {
                var row = new Dictionary<string, double>(metrics);
                for (var m = 0; m < metrics; m++)
                {
                    row[names[m]] = Math.Sin((step + m) / 7.0) + (m * 0.001);
                }

                run.Log(row);
            }

            run.Finish();
        }

        var store = RunStore.Open(directory);
        var path = Path.Combine(directory, "index.html");
        HtmlReportWriter.Write(store, store.ListRuns().ToList(), path);
        return path;
    }

    private sealed record Load(double Interactive, int Drawn, int Blocks, double LastChart);

    private sealed class Figures
    {
        public int Drawn { get; set; }

        public int Blocks { get; set; }

        public double LastChart { get; set; }
    }

    // Scrolls to the last block of charts (an empty placeholder until then) and waits until its charts are
    // drawn: from the scroll to the last canvas.
    private const string LastChartScript = @"async () => {
        const blocks = document.querySelectorAll('.chart-block');
        const drawn = document.querySelectorAll('[data-testid=chart] canvas').length;
        const last = blocks[blocks.length - 1];
        const start = performance.now();
        last.scrollIntoView();
        const done = () => last.querySelector('[data-testid=chart]') && !last.querySelector('[data-testid=chart]:not(:has(canvas))');
        while (!done()) {
            if (performance.now() - start > 20000) throw new Error('the last charts were never drawn');
            await new Promise(r => requestAnimationFrame(r));
        }
        return { drawn, blocks: blocks.length, lastChart: performance.now() - start };
    }";

    private static async Task<Load> LoadAsync(IBrowser browser, string path, bool scrollToLast = true)
    {
        var (context, page, mark) = await HeadlessChromium.OpenReportAsync(browser, path, 120_000);
        try
        {
            if (!scrollToLast)
            {
                return new Load(mark, 0, 0, 0);
            }

            var figures = await page.EvaluateAsync<Figures>(LastChartScript);
            return new Load(mark, figures.Drawn, figures.Blocks, figures.LastChart);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
