using Microsoft.Playwright;
using Wandb.Benchmarks.Harness;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Benchmarks.Html;

/// <summary>
/// The HTML report in headless Chromium, on two stores: 1,000 runs x 50 groups x 8 metrics, and the same
/// runs among 100,000 (99,000 test results recorded in bulk). Per store: file size, time to interactive and
/// the redraw after regrouping by another key; on the large one also scrolling the whole table (every group
/// open) while a PerformanceObserver records long tasks. Baselines from the same run: the same file with its
/// page script removed (the browser's cost of merely parsing the page and its data), redrawing the table
/// alone (a sort), and scrolling the 1,000-run table the same way.
/// </summary>
public sealed class HtmlReportBenchmark : IBenchmark
{
    private const int Loads = 5;
    private const int Regroups = 7;
    private const int ScrollFrames = 120;

    public string Name => "html";

    public string Description => "HTML report, 1,000 runs x 8 metrics and 100,000 runs: interactive <= 2 s, regroup <= 300 ms, table scrolling without long tasks > 100 ms (headless Chromium, medians)";

    public void Run(BenchmarkReport report) => RunAsync(report).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchmarkReport report)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);

        report.Line($"-- {HtmlBenchmarkStore.Runs:N0} runs in {HtmlBenchmarkStore.Groups} groups, {HtmlBenchmarkStore.Steps} steps of {HtmlBenchmarkStore.Metrics.Length} metrics each");
        var small = await MeasureStoreAsync(report, browser, HtmlBenchmarkStore.Create, "WANDB_BENCH_KEEP_HTML");

        report.Line($"-- {HtmlBenchmarkStore.Runs + LargeHtmlBenchmarkStore.TestRuns:N0} runs: the same {HtmlBenchmarkStore.Runs:N0} and {LargeHtmlBenchmarkStore.TestRuns:N0} test results in {LargeHtmlBenchmarkStore.TestRuns / LargeHtmlBenchmarkStore.TestsPerGroup} groups");
        var large = await MeasureStoreAsync(report, browser, LargeHtmlBenchmarkStore.Create, "WANDB_BENCH_KEEP_LARGE_HTML");
        report.Line("-- both stores side by side (the 1,000-run page is the baseline: a cost per frame or per group shows as a ratio near 1)");
        report.Ratio("interactive, 100,000 runs / 1,000 runs", large.Interactive / small.Interactive, "(info)", true);
        report.Figure("regroup, 1,000 runs (baseline)", small.Regroup, "ms");
        report.Figure("regroup, 100,000 runs", large.Regroup, "ms");
        report.Ratio("regroup, 100,000 runs / 1,000 runs", large.Regroup / small.Regroup, "(info)", true);
        report.Ratio("regroup, 100,000 runs / 300 ms", large.Regroup / 300, "< 1", large.Regroup < 300);
        report.Figure("scroll: longest task, 1,000-run table (baseline)", small.Scroll.LongestTask, "ms");
        report.Figure("scroll: longest task, 100,000-run table", large.Scroll.LongestTask, "ms");
        report.Ratio("scroll: longest task, 100,000-run table / 100 ms", large.Scroll.LongestTask / 100, "< 1", large.Scroll.LongestTask < 100);
        report.Figure("scroll: longest frame, 1,000-run table (baseline)", small.Scroll.LongestFrame, "ms");
        report.Figure("scroll: longest frame, 100,000-run table", large.Scroll.LongestFrame, "ms");
        report.Ratio("longest frame, 100,000 / 1,000 runs", large.Scroll.LongestFrame / small.Scroll.LongestFrame, "(info)", true);
    }

    private static async Task<Measured> MeasureStoreAsync(BenchmarkReport report, IBrowser browser, Func<string> createStore, string keepVariable)
    {
        var directory = createStore();
        try
        {
            var store = RunStore.Open(directory);
            var runs = store.ListRuns().ToList();
            var path = Path.Combine(directory, "index.html");
            var write = BenchmarkReport.MedianSeconds(3, () => HtmlReportWriter.Write(store, runs, path));
            var size = new FileInfo(path).Length;
            report.Figure("runs", runs.Count, string.Empty);
            report.Figure("write index.html (median of 3)", write * 1000, "ms");
            report.Figure("index.html size", size / 1048576.0, "MiB");
            report.Ratio("size / 10 MB", size / 10_000_000.0, "< 1", size < 10_000_000);
            if (System.Environment.GetEnvironmentVariable(keepVariable) is { Length: > 0 } keep)
            {
                File.Copy(path, keep, overwrite: true);   // to look at the page afterwards
            }

            var bare = HeadlessChromium.WriteScriptFreeCopy(path);

            var interactive = await MedianAsync(Loads, () => TimeToInteractiveAsync(browser, path));
            var parseOnly = await MedianAsync(Loads, () => TimeToInteractiveAsync(browser, bare));
            report.Figure($"time to interactive (median of {Loads})", interactive, "ms");
            report.Figure($"baseline: same file without the page script (median of {Loads})", parseOnly, "ms");
            report.Ratio("interactive / baseline", interactive / parseOnly, "(info)", true);
            report.Ratio("interactive / 2 s", interactive / 2000, "< 1", interactive < 2000);

            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { Timeout = 60_000 });
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            var keys = new[] { "config:learning_rate", "config:batch_size", "job_type", "group", "config:optimizer.name" };
            var regroup = new List<double>();
            var sort = new List<double>();
            for (var i = 0; i < Regroups; i++)
            {
                regroup.Add(await page.EvaluateAsync<double>(RegroupScript, keys[i % keys.Length]));
                sort.Add(await page.EvaluateAsync<double>(SortScript));
            }

            var regroupMedian = BenchmarkReport.Median(regroup);
            var sortMedian = BenchmarkReport.Median(sort);
            report.Figure($"regroup by another key, table + charts redrawn (median of {Regroups})", regroupMedian, "ms");
            report.Figure($"baseline: sort, table redrawn (median of {Regroups})", sortMedian, "ms");
            report.Ratio("regroup / baseline", regroupMedian / sortMedian, "(info)", true);
            report.Ratio("regroup / 300 ms", regroupMedian / 300, "< 1", regroupMedian < 300);

            var scroll = await page.EvaluateAsync<ScrollFigures>(ScrollScript, ScrollFrames);
            report.Figure($"scroll the open table ({scroll.Rows:N0} rows, {ScrollFrames} frames): longest task", scroll.LongestTask, "ms");
            report.Figure("  long tasks (> 50 ms) while scrolling", scroll.LongTasks, string.Empty);
            report.Figure("  longest frame", scroll.LongestFrame, "ms");
            report.Figure("  most table rows in the DOM", scroll.MaxDomRows, string.Empty);
            report.Ratio("longest task while scrolling / 100 ms", scroll.LongestTask / 100, "< 1", scroll.LongestTask < 100);
            await context.CloseAsync();
            return new Measured(interactive, regroupMedian, scroll);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Time from the change to the next frame after rendering, so layout and paint are included.
    private const string RegroupScript = @"async key => {
        const select = document.querySelector('[data-testid=group-by]');
        const start = performance.now();
        select.value = key;
        select.dispatchEvent(new Event('change'));
        await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - start;
    }";

    private const string SortScript = @"async () => {
        const button = document.querySelectorAll('[data-testid=runs-table] thead button.sort')[0];
        const start = performance.now();
        button.click();
        await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - start;
    }";

    // Opens every group, then scrolls the table's scroller from top to bottom in even steps, one per frame,
    // with a few long jumps, while a PerformanceObserver collects long tasks (the browser reports tasks over 50 ms).
    private const string ScrollScript = @"async frames => {
        const nextFrame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
        const expand = Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Expand all');
        if (expand) { expand.click(); await nextFrame(); }
        const table = document.querySelector('[data-testid=runs-table]');
        let scroller = table.parentElement;
        while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
        if (!scroller) scroller = document.scrollingElement;
        const rows = Number(table.getAttribute('aria-rowcount') || table.querySelectorAll('tbody tr').length);
        const tasks = [];
        const observer = new PerformanceObserver(list => tasks.push(...list.getEntries().map(e => e.duration)));
        observer.observe({ type: 'longtask' });
        let longestFrame = 0, maxDomRows = 0;
        const span = scroller.scrollHeight - scroller.clientHeight;
        for (let i = 1; i <= frames; i++) {
            const target = i % 10 === 0 ? Math.random() * span : span * i / frames;
            const start = performance.now();
            scroller.scrollTop = target;
            await nextFrame();
            longestFrame = Math.max(longestFrame, performance.now() - start);
            maxDomRows = Math.max(maxDomRows, table.querySelectorAll('tbody tr').length);
        }
        await new Promise(r => setTimeout(r, 100));
        tasks.push(...observer.takeRecords().map(e => e.duration));
        observer.disconnect();
        return { rows, longTasks: tasks.length, longestTask: tasks.length ? Math.max(...tasks) : 0, longestFrame, maxDomRows };
    }";

    private static async Task<double> TimeToInteractiveAsync(IBrowser browser, string path)
    {
        var (context, _, interactive) = await HeadlessChromium.OpenReportAsync(browser, path, 60_000);
        await context.CloseAsync();
        return interactive;
    }

    private static async Task<double> MedianAsync(int repetitions, Func<Task<double>> measure)
    {
        var values = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            values.Add(await measure());
        }

        return BenchmarkReport.Median(values);
    }

    private sealed record Measured(double Interactive, double Regroup, ScrollFigures Scroll);

    /// <summary>What the scroll script returns.</summary>
    public sealed class ScrollFigures
    {
        public double Rows { get; set; }

        public double LongTasks { get; set; }

        public double LongestTask { get; set; }

        public double LongestFrame { get; set; }

        public double MaxDomRows { get; set; }
    }
}
