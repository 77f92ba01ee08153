using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wandb.Benchmarks.Harness;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Benchmarks.Html;

/// <summary>
/// The HTML report at 1,000 runs x 50 groups x 8 metrics: file size, time to interactive in headless
/// Chromium and the redraw after regrouping by another key. Baselines from the same run: loading the same
/// file with its page script removed (the browser's cost of merely parsing the page and its data), and
/// redrawing the table alone (a sort).
/// </summary>
public sealed class HtmlReportBenchmark : IBenchmark
{
    private const int Loads = 5;
    private const int Regroups = 7;

    public string Name => "html";

    public string Description => "HTML report, 1,000 runs x 50 groups x 8 metrics: interactive < 2 s, regroup redraw < 300 ms (headless Chromium, medians)";

    public void Run(BenchmarkReport report) => RunAsync(report).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchmarkReport report)
    {
        var directory = HtmlBenchmarkStore.Create();
        try
        {
            var store = RunStore.Open(directory);
            var runs = store.ListRuns().ToList();
            var path = Path.Combine(directory, "index.html");
            var write = BenchmarkReport.MedianSeconds(3, () => HtmlReportWriter.Write(store, runs, path));
            var size = new FileInfo(path).Length;
            report.Figure($"runs / groups / metrics", runs.Count, $"/ {HtmlBenchmarkStore.Groups} / {HtmlBenchmarkStore.Metrics.Length}");
            report.Figure("write index.html (median of 3)", write * 1000, "ms");
            report.Figure("index.html size", size / 1048576.0, "MiB");
            report.Ratio("size / 10 MB", size / 10_000_000.0, "< 1", size < 10_000_000);
            if (System.Environment.GetEnvironmentVariable("WANDB_BENCH_KEEP_HTML") is { Length: > 0 } keep)
            {
                File.Copy(path, keep, overwrite: true);   // to look at the 1,000-run page afterwards
            }

            var bare = Path.Combine(directory, "bare.html");
            var withoutScript = Regex.Replace(File.ReadAllText(path), "<script>.*?</script>", "<script>performance.mark('wandb-interactive')</script>", RegexOptions.Singleline);
            File.WriteAllText(bare, Regex.Replace(withoutScript, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", string.Empty));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = System.Environment.GetEnvironmentVariable("WANDB_TEST_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
                Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run" },
            });

            var interactive = await MedianAsync(Loads, () => TimeToInteractiveAsync(browser, path));
            var parseOnly = await MedianAsync(Loads, () => TimeToInteractiveAsync(browser, bare));
            report.Figure($"time to interactive (median of {Loads})", interactive, "ms");
            report.Figure($"baseline: same file without the page script (median of {Loads})", parseOnly, "ms");
            report.Ratio("interactive / baseline", interactive / parseOnly, "(info)", true);
            report.Ratio("interactive / 2 s", interactive / 2000, "< 1", interactive < 2000);

            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(path).AbsoluteUri);
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
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
            report.Figure($"regroup by another key, table + 8 charts redrawn (median of {Regroups})", regroupMedian, "ms");
            report.Figure($"baseline: sort, table redrawn (median of {Regroups})", sortMedian, "ms");
            report.Ratio("regroup / baseline", regroupMedian / sortMedian, "(info)", true);
            report.Ratio("regroup / 300 ms", regroupMedian / 300, "< 1", regroupMedian < 300);
            await context.CloseAsync();
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

    private static async Task<double> TimeToInteractiveAsync(IBrowser browser, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
            var mark = await page.EvaluateAsync<double?>("() => performance.getEntriesByName('wandb-interactive')[0]?.startTime ?? null");
            return mark ?? throw new InvalidOperationException("The page never became interactive: " + string.Join("\n", errors));
        }
        finally
        {
            await context.CloseAsync();
        }
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
}
