using System.Diagnostics;
using Wandb.Benchmarks.Harness;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Grouping.Curves;
using Wandb.Reports;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Benchmarks.Grouping;

/// <summary>
/// Issue 3's target: grouping, summary statistics, curve bucketing (on _step) and the JSON, Markdown and
/// console outputs for 1,000 runs x 10,000 steps x 4 metrics (40 M points) in under 20 s, under 1.5 GB peak,
/// and at most 2x the time to merely read and parse the same history files, measured in the same run.
/// Environment: WANDB_BENCH_GROUPING_RUNS (default "10,100,1000"), WANDB_BENCH_GROUPING_STEPS (10000),
/// WANDB_BENCH_REPEAT (3).
/// </summary>
public sealed class GroupingBenchmark : IBenchmark
{
    public string Name => "grouping";

    public string Description => "group + stats + curves + runs.json/summary.md/console vs read+parse of the same history (1,000 runs x 10,000 steps x 4 metrics)";

    public void Run(BenchmarkReport report)
    {
        var sizes = (System.Environment.GetEnvironmentVariable("WANDB_BENCH_GROUPING_RUNS") ?? "10,100,1000")
            .Split(',').Select(s => int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var steps = int.Parse(System.Environment.GetEnvironmentVariable("WANDB_BENCH_GROUPING_STEPS") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        var repeat = int.Parse(System.Environment.GetEnvironmentVariable("WANDB_BENCH_REPEAT") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var root = BenchmarkReport.TempDirectory("grouping");
        try
        {
            foreach (var runs in sizes)
            {
                var storeDirectory = Path.Combine(root, "runs" + runs);
                var generate = Stopwatch.StartNew();
                SyntheticStore.Write(storeDirectory, runs, steps);
                report.Line($"  {runs} runs x {steps} steps x {SyntheticStore.Metrics.Length} metrics = {(double)runs * steps * SyntheticStore.Metrics.Length / 1e6:N1} M points (generated in {generate.Elapsed.TotalSeconds:N1} s)");
                var store = new FolderRunStore(storeDirectory, PhysicalStoreFileSystem.Instance, ConsoleOutput.Instance, SystemClock.Instance);

                long rows = 0;
                var readCpu = new List<double>();
                var fullCpu = new List<double>();
                var read = BenchmarkReport.MedianSeconds(repeat, () => readCpu.Add(CpuSeconds(() => rows = ReadOnly(store))));
                var full = BenchmarkReport.MedianSeconds(repeat, () => fullCpu.Add(CpuSeconds(() => Report(store, Path.Combine(storeDirectory, "report")))));
                report.Figure($"read+parse history only ({rows:N0} rows), median of {repeat}", read, "s");
                report.Figure($"grouping + stats + curves + json/md/console, median of {repeat}", full, "s");
                report.Ratio("report / read (wall clock)", full / read, "<= 2", full / read <= 2);

                // The machine is shared: CPU time of this process is the steadier figure when others load it.
                var readCpuMedian = BenchmarkReport.Median(readCpu);
                var fullCpuMedian = BenchmarkReport.Median(fullCpu);
                report.Figure("read+parse CPU time (all threads), median", readCpuMedian, "s");
                report.Figure("report CPU time (all threads), median", fullCpuMedian, "s");
                report.Ratio("report / read (CPU time)", fullCpuMedian / readCpuMedian, "<= 2", fullCpuMedian / readCpuMedian <= 2);
                if (runs >= 1000)
                {
                    report.Ratio("report seconds vs 20 s budget", full / 20, "<= 1", full <= 20);
                }

                // The page a build's refresh writes charts every run shown: the first reads their histories and fills the
                // store's curve cache (docs/store-format.md), the next read the cache, as the next build's refresh does.
                var page = Path.Combine(storeDirectory, "page");
                var cache = Path.Combine(storeDirectory, "index", "curves");
                if (Directory.Exists(cache))
                {
                    Directory.Delete(cache, recursive: true);
                }

                var fromHistories = BenchmarkReport.MedianSeconds(1, () => Page(store, page));
                var fromCache = BenchmarkReport.MedianSeconds(repeat, () => Page(store, page));
                report.Figure("index.html, every history read (curve cache filled)", fromHistories, "s");
                report.Figure($"index.html again, from the curve cache, median of {repeat}", fromCache, "s");
                report.Line($"    from the cache / from the histories: {fromCache / fromHistories:0.00}");

                Directory.Delete(storeDirectory, recursive: true);
            }

            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024);
            report.Figure("peak working set (Process.PeakWorkingSet64)", peak, "GB");
            report.Ratio("peak GB vs 1.5 GB budget", peak / 1.5, "<= 1", peak <= 1.5);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static double CpuSeconds(Action action)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    private static long ReadOnly(RunStore store)
    {
        long rows = 0;
        foreach (var run in store.ListRuns())
        {
            foreach (var row in store.ReadHistory(run.Id))
            {
                rows += row.Values.Count > 0 ? 1 : 0;
            }
        }

        return rows;
    }

    private static void Page(RunStore store, string directory) =>
        ReportWriter.WriteAll(store, new ReportOptions { Json = false, Markdown = false, OutputDirectory = directory });

    private static void Report(RunStore store, string directory)
    {
        Directory.CreateDirectory(directory);
        var options = new ReportOptions { Html = false, OutputDirectory = directory };
        var model = ReportModel.Build(store, options, DateTimeOffset.UtcNow);
        var curves = model.Curves(CurveAxis.Step)[CurveAxis.StepName];
        foreach (var chart in curves.Values)
        {
            foreach (var group in model.Main.Groups)
            {
                chart.Aggregate(group.RunIds);
            }
        }

        ReportWriter.Write(model, store, directory);
    }
}
