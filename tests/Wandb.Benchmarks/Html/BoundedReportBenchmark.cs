using System.Globalization;
using Microsoft.Playwright;
using Wandb.Benchmarks.Harness;
using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Benchmarks.Html;

/// <summary>
/// Bounded output (issue 13): the reports a test run refreshes on the 100,000-run store of
/// <see cref="LargeHtmlBenchmarkStore"/>, written in the same run with every run shown in full (before budgets)
/// and with the default <see cref="ReportOptions.MaxDetailRuns"/> (after): the refresh's time, index.html,
/// runs.json and summary.md sizes, and time to interactive in headless Chromium, with the ratios after / before.
/// The focus group is the newest test run's group, as <c>dotnet test --logger wandb</c> passes it (the 1,000
/// trained runs are newer still, so they come next).
/// <c>WANDB_BENCH_MAX_DETAIL_RUNS</c> (comma-separated) measures other budgets as well.
/// </summary>
public sealed class BoundedReportBenchmark : IBenchmark
{
    private const int Loads = 5;

    public string Name => "html-budget";

    public string Description => "Reports of a 100,000-run store with every run in full vs the default MaxDetailRuns: refresh time, index.html / runs.json / summary.md sizes, time to interactive (index.html <= 10 MB, <= 2 s)";

    public void Run(BenchmarkReport report) => RunAsync(report).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchmarkReport report)
    {
        var directory = LargeHtmlBenchmarkStore.Create();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright);
            var store = RunStore.Open(directory);
            var focus = store.ListRuns().Where(r => r.Group?.StartsWith("ci-", StringComparison.Ordinal) == true).OrderBy(r => r.CreatedAt).Last().Group!;
            report.Line($"-- {store.ListRuns().Count():N0} runs; focus group {focus}");

            var before = await MeasureAsync(report, browser, store, directory, focus, int.MaxValue, "every run in full (before)");
            var after = await MeasureAsync(report, browser, store, directory, focus, ReportOptions.DefaultMaxDetailRuns, $"MaxDetailRuns {ReportOptions.DefaultMaxDetailRuns:N0} (after)");
            report.Ratio("refresh, after / before", after.Seconds / before.Seconds, "(info)", true);
            report.Ratio("index.html, after / before", after.Html / (double)before.Html, "(info)", true);
            report.Ratio("runs.json, after / before", after.Json / (double)before.Json, "(info)", true);
            report.Ratio("time to interactive, after / before", after.Interactive / before.Interactive, "(info)", true);
            report.Ratio("index.html after / 10 MB", after.Html / 10_000_000.0, "< 1", after.Html < 10_000_000);
            report.Ratio("time to interactive after / 2 s", after.Interactive / 2000, "< 1", after.Interactive < 2000);

            var others = System.Environment.GetEnvironmentVariable("WANDB_BENCH_MAX_DETAIL_RUNS");
            foreach (var budget in (others ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await MeasureAsync(report, browser, store, directory, focus, int.Parse(budget, CultureInfo.InvariantCulture), $"MaxDetailRuns {budget}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Measured> MeasureAsync(BenchmarkReport report, IBrowser browser, RunStore store, string directory, string focus, int budget, string label)
    {
        report.Line($"-- {label}");
        var output = Path.Combine(directory, "report-" + budget.ToString(CultureInfo.InvariantCulture));
        var options = new ReportOptions { OutputDirectory = output, FocusGroups = { focus }, ConsoleFailures = false, MaxDetailRuns = budget };
        ReportResult? result = null;
        var seconds = BenchmarkReport.MedianSeconds(3, () => result = ReportWriter.WriteAll(store, options));
        var html = new FileInfo(result!.HtmlPath!).Length;
        var json = new FileInfo(result.JsonPath!).Length;
        var markdown = new FileInfo(result.MarkdownPath!).Length;
        var interactive = new List<double>();
        for (var i = 0; i < Loads; i++)
        {
            var (context, _, mark) = await HeadlessChromium.OpenReportAsync(browser, result.HtmlPath!, 120_000);
            await context.CloseAsync();
            interactive.Add(mark);
        }

        var measured = new Measured(seconds, html, json, interactive.Count == 0 ? 0 : BenchmarkReport.Median(interactive));
        report.Figure("refresh: ReportWriter.WriteAll (median of 3)", seconds * 1000, "ms");
        report.Figure("index.html", html / 1048576.0, "MiB");
        report.Figure("runs.json", json / 1048576.0, "MiB");
        report.Figure("summary.md", markdown / 1048576.0, "MiB");
        report.Figure($"time to interactive (median of {Loads})", measured.Interactive, "ms");
        return measured;
    }

    private sealed record Measured(double Seconds, long Html, long Json, double Interactive);
}
