using System.Globalization;
using Microsoft.Playwright;
using Wandb.Benchmarks.Harness;
using Wandb.Reports;
using Wandb.Storage.Postgres;

namespace Wandb.Benchmarks.Postgres;

/// <summary>
/// Issue 13's third row for the shared store: the reports of a generated PostgreSQL store (default budget, no focus
/// group, as <c>dotnet wandb report</c> writes them): how long writing them takes and the reporting process's peak,
/// index.html's and runs.json's sizes, and index.html's time to interactive in headless Chromium (median of 3 loads),
/// against ≤ 10 MB and ≤ 2 s; then the same reports written again, as the next refresh on the same machine writes them
/// (the charted runs' curves from its curve cache). Set WANDB_BENCH_PG_SCALE_REPORT=0 to skip it.
/// </summary>
internal static class PostgresScaleReport
{
    private const int Loads = 3;
    private const double TargetMegabytes = 10;
    private const double TargetSeconds = 2;

    public static void Measure(BenchmarkReport report, PostgresRunStore store, int runs)
    {
        if (System.Environment.GetEnvironmentVariable("WANDB_BENCH_PG_SCALE_REPORT") == "0")
        {
            return;
        }

        var directory = BenchmarkReport.TempDirectory("postgres-scale-report");
        ReportResult? result = null;
        var (seconds, peak) = PostgresScaleBenchmark.Measure(1, () => result = ReportWriter.WriteAll(store, new ReportOptions { OutputDirectory = directory }));
        var html = new FileInfo(result!.HtmlPath!).Length / 1048576.0;
        var json = new FileInfo(result.JsonPath!).Length / 1048576.0;
        report.Figure(string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs: reports written (runs.json, summary.md, index.html)"), seconds, "s");
        report.Figure(string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs: peak working set during it"), peak, "MB");
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  {runs:N0} runs: index.html {html:0.00} MiB, runs.json {json:0.00} MiB"));

        // As the next refresh on this machine writes them: the charted runs' curves from its curve cache (docs/shared-store.md).
        var (again, _) = PostgresScaleBenchmark.Measure(1, () => ReportWriter.WriteAll(store, new ReportOptions { OutputDirectory = directory }));
        report.Figure(string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs: the same reports again, curves from this machine's curve cache"), again, "s");
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  {runs:N0} runs: again / first: {again / seconds:0.00}"));
        var interactive = TimeToInteractive(result.HtmlPath!).GetAwaiter().GetResult();
        report.Figure(string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs: index.html time to interactive (median of {Loads})"), interactive, "ms");
        report.Ratio(string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs: index.html / 10 MB"), html / TargetMegabytes, "<= 1", html <= TargetMegabytes);
        report.Ratio(string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs: time to interactive / 2 s"), interactive / 1000 / TargetSeconds, "<= 1", interactive / 1000 <= TargetSeconds);
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<double> TimeToInteractive(string path)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var marks = new List<double>();
        for (var i = 0; i < Loads; i++)
        {
            var (context, _, mark) = await HeadlessChromium.OpenReportAsync(browser, path, 120_000);
            await context.CloseAsync();
            marks.Add(mark);
        }

        return BenchmarkReport.Median(marks);
    }
}
