using System.Diagnostics;
using Wandb.Benchmarks.Grouping;
using Wandb.Benchmarks.Harness;
using Wandb.Environment;
using Wandb.Interop.Export;
using Wandb.Interop.Import;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;
using Wandb.TestSupport;

namespace Wandb.Benchmarks.Interop;

/// <summary>
/// W&amp;B interop at the size: 1,000 runs × 1,000 steps × 10 metrics exported from a folder store as
/// W&amp;B offline runs, and those imported into an empty folder store; each must take at most 10 s (medians of
/// 3). Baselines from the same run: reading every run's history (what any export must do) and merging the
/// same runs store to store (what any import must write).
/// </summary>
public sealed class InteropBenchmark : IBenchmark
{
    private const int Runs = 1_000;
    private const int Steps = 1_000;
    private const int Metrics = 10;
    private const int Repetitions = 3;
    private const double TargetSeconds = 10;

    public string Name => "interop";

    public string Description => "W&B export and import of 1,000 runs x 1,000 steps x 10 metrics (target: each <= 10 s)";

    public void Run(BenchmarkReport report)
    {
        var root = BenchmarkReport.TempDirectory("interop");
        try
        {
            var source = Path.Combine(root, "source");
            var watch = Stopwatch.StartNew();
            SyntheticStore.Write(source, Runs, Steps, Metrics);
            report.Line($"  source store: {Runs} runs x {Steps} steps x {Metrics} metrics written in {watch.Elapsed.TotalSeconds:F1} s, {Megabytes(source):F0} MB");
            var output = new RecordingOutput();
            var store = Open(source, output);

            var read = BenchmarkReport.MedianSeconds(Repetitions, () => store.ListRuns().Sum(run => store.ReadHistory(run.Id).LongCount()));
            var exported = Path.Combine(root, "exported");
            var exportCpu = new List<double>();
            var export = BenchmarkReport.MedianSeconds(Repetitions, () => exportCpu.Add(CpuSeconds(() => WandbExporter.Export(store, new WandbExportOptions { OutputDirectory = exported }, output))));
            report.Figure($"read every run's history (baseline), median of {Repetitions}", read, "s");
            report.Figure($"export as W&B offline runs, median of {Repetitions}", export, "s");
            report.Figure("  CPU time of the export (all cores), median", BenchmarkReport.Median(exportCpu), "s");
            report.Figure("  rows exported per second", Runs * Steps / export, "rows/s");
            report.Figure("  .wandb files written", Megabytes(exported), "MB");
            report.Ratio("export / read", export / read, "information", true);
            report.Ratio("export seconds", export, $"<= {TargetSeconds}", export <= TargetSeconds);

            var attempt = 0;
            var merge = BenchmarkReport.MedianSeconds(Repetitions, () =>
            {
                var destination = Path.Combine(root, "merged-" + attempt++);
                StoreMerger.Merge(new[] { source }, new FolderMergeDestination(destination, PhysicalStoreFileSystem.Instance, output), output);
                Directory.Delete(destination, recursive: true);
            });
            var importCpu = new List<double>();
            var import = BenchmarkReport.MedianSeconds(Repetitions, () =>
            {
                var destination = Path.Combine(root, "imported-" + attempt++);
                WandbImportResult? result = null;
                importCpu.Add(CpuSeconds(() => result = WandbImporter.Import(new[] { exported }, Open(destination, output), output)));
                if (result!.RowsAdded != (long)Runs * Steps)
                {
                    throw new InvalidOperationException($"The import added {result.RowsAdded} rows, not {Runs * Steps}.");
                }

                Directory.Delete(destination, recursive: true);
            });
            report.Figure($"merge the same runs store to store (baseline), median of {Repetitions}", merge, "s");
            report.Figure($"import the W&B offline runs, median of {Repetitions}", import, "s");
            report.Figure("  CPU time of the import (all cores), median", BenchmarkReport.Median(importCpu), "s");
            report.Figure("  rows imported per second", Runs * Steps / import, "rows/s");
            report.Ratio("import / merge", import / merge, "information", true);
            report.Ratio("import seconds", import, $"<= {TargetSeconds}", import <= TargetSeconds);
            if (output.Warnings.Count > 0)
            {
                report.Line("  warnings: " + string.Join(" | ", output.Warnings.Take(3)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // On a shared machine the CPU time says what the work costs when wall time says how busy the machine was.
    private static double CpuSeconds(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    private static FolderRunStore Open(string folder, RecordingOutput output) => new(folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);

    private static double Megabytes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / (1024.0 * 1024.0);
}
