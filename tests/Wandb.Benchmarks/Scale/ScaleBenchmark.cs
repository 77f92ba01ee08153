using System.Diagnostics;
using System.Globalization;
using Wandb.Benchmarks.Grouping;
using Wandb.Benchmarks.Harness;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Benchmarks.Scale;

/// <summary>
/// Issue 13's run index: the median time of listing a folder store of 1,000, 10,000 and 100,000 runs (generated
/// here) with a warm index, with no index (reading every run folder, which is the rebuild), and after 20 new runs
/// were added (the case of a refresh after a build), with ratios and the growth from each size to the next. The
/// last is compared with the same 20 runs listed from an otherwise empty store (the issue's ≤ 1.5× target for a
/// refresh), and the index's own targets: a warm listing of 100,000 runs within 0.5 s, 20 added runs within 0.3 s
/// more. Environment: WANDB_BENCH_SCALE_RUNS (default "1000,10000,100000"), WANDB_BENCH_REPEAT (3).
/// </summary>
public sealed class ScaleBenchmark : IBenchmark
{
    private const int Added = 20;

    /// <summary>The run index's targets (issue 13): a warm listing of 100,000 runs, and what 20 added runs may add to it, in seconds.</summary>
    private const double WarmAt100k = 0.5;
    private const double WarmPlusAdded = 0.3;

    public string Name => "scale";

    public string Description => "ListRuns on 1k/10k/100k-run folder stores: warm index vs no index vs 20 runs added";

    public void Run(BenchmarkReport report)
    {
        var sizes = (System.Environment.GetEnvironmentVariable("WANDB_BENCH_SCALE_RUNS") ?? "1000,10000,100000")
            .Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToList();
        var repeat = int.Parse(System.Environment.GetEnvironmentVariable("WANDB_BENCH_REPEAT") ?? "3", CultureInfo.InvariantCulture);
        var root = BenchmarkReport.TempDirectory("scale");
        try
        {
            var empty = Measure(Path.Combine(root, "empty"), 0, repeat);
            report.Figure($"{Added} runs added to an empty store, listing, median of {repeat}", empty.Added * 1000, "ms");
            Measurement? previous = null;
            foreach (var runs in sizes)
            {
                var generate = Stopwatch.StartNew();
                var directory = Path.Combine(root, "runs" + runs);
                SyntheticStore.Write(directory, runs, steps: 2);
                report.Line($"  {runs:N0} runs (generated in {generate.Elapsed.TotalSeconds:N1} s)");
                var measured = Measure(directory, runs, repeat);
                report.Figure($"no index: read every run folder and build the index, median of {repeat}", measured.Rebuild * 1000, "ms");
                report.Figure($"warm index, nothing changed, median of {repeat}", measured.Warm * 1000, "ms");
                report.Figure($"warm index after {Added} runs were added, median of {repeat}", measured.Added * 1000, "ms");
                report.Figure("index snapshot size", measured.SnapshotBytes / 1e6, "MB");
                report.Ratio("warm / no index", measured.Warm / measured.Rebuild, "< 1", measured.Warm < measured.Rebuild);
                report.Ratio($"{Added} added / no index", measured.Added / measured.Rebuild, "< 1", measured.Added < measured.Rebuild);
                report.Ratio($"{Added} added here / {Added} added to an empty store (listing only)", measured.Added / empty.Added, "<= 1.5", measured.Added / empty.Added <= 1.5);
                report.Ratio($"{Added} added - warm, s (no rewrite of the snapshot for a small change)", measured.Added - measured.Warm, "<= 0.3", measured.Added - measured.Warm <= WarmPlusAdded);
                if (runs >= 100_000)
                {
                    report.Ratio("warm listing of 100,000 runs, s (on 2 idle cores)", measured.Warm, "<= 0.5", measured.Warm <= WarmAt100k);
                }

                if (previous is not null)
                {
                    var factor = (double)runs / previous.Runs;
                    report.Line(string.Create(CultureInfo.InvariantCulture, $"  growth from {previous.Runs:N0} to {runs:N0} runs (x{factor:N0}): no index x{measured.Rebuild / previous.Rebuild:N2}, warm x{measured.Warm / previous.Warm:N2}, {Added} added x{measured.Added / previous.Added:N2}"));
                }

                previous = measured;
                Directory.Delete(directory, recursive: true);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Measurement Measure(string directory, int runs, int repeat)
    {
        Directory.CreateDirectory(directory);
        var indexDirectory = Path.Combine(directory, "index");
        var rebuild = BenchmarkReport.MedianSeconds(repeat, () =>
        {
            if (Directory.Exists(indexDirectory))
            {
                Directory.Delete(indexDirectory, recursive: true);
            }

            List(directory, runs);
        });
        var warm = BenchmarkReport.MedianSeconds(repeat, () => List(directory, runs));
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            AddRuns(directory, i);
            var watch = Stopwatch.StartNew();
            List(directory, runs + ((i + 1) * Added));
            times.Add(watch.Elapsed.TotalSeconds);
        }

        var snapshot = new FileInfo(Path.Combine(indexDirectory, "runs.v1.jsonl"));
        return new Measurement(runs, rebuild, warm, BenchmarkReport.Median(times), snapshot.Exists ? snapshot.Length : 0);
    }

    /// <summary>A fresh store object each time, as each build or test run opens the store anew.</summary>
    private static void List(string directory, int expected)
    {
        var count = Open(directory).ListRuns().Count();
        if (count != expected)
        {
            throw new InvalidOperationException($"Listed {count} runs of {directory}, expected {expected}.");
        }
    }

    /// <summary>Creates and finishes runs through the store's own writer, so they are journaled as a build's runs are.</summary>
    private static void AddRuns(string directory, int round)
    {
        var store = Open(directory);
        for (var i = 0; i < Added; i++)
        {
            var id = $"new{round:00}x{i:000}";
            var at = DateTimeOffset.UtcNow;
            store.OpenRun(new RunMetadataFile { Id = id, Name = id, Project = "bench", Group = "build-" + round, JobType = "train", CreatedAt = at }, ResumeMode.Allow);
            using var writer = store.CreateWriter(id, "w" + id);
            var state = new WriterStateFile { Writer = "w" + id, Host = "bench", Pid = 1, StartedAt = at, UpdatedAt = at };
            writer.WriteState(state, durable: false);
            state.State = "finished";
            state.ExitCode = 0;
            state.FinishedAt = at;
            state.Last["loss"] = 0.5;
            writer.WriteState(state, durable: false);
        }
    }

    private static FolderRunStore Open(string directory) => new(directory, PhysicalStoreFileSystem.Instance, ConsoleOutput.Instance, SystemClock.Instance);

    private sealed record Measurement(int Runs, double Rebuild, double Warm, double Added, long SnapshotBytes);
}
