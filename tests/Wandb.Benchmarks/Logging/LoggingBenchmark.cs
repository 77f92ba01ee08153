using System.Diagnostics;
using System.Text;
using Wandb.Benchmarks.Harness;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Codec;
using Wandb.TestSupport;

namespace Wandb.Benchmarks.Logging;

/// <summary>
/// Issue 2's targets: logging throughput against a bare serializer-to-file baseline measured in the same
/// run, the latency of one Log call at 100k rows/s, W&amp;B's 10 runs x 100 steps x 100 floats shape, and
/// memory with a disk slower than the logger. Runs are started as a program run on its own starts them
/// (announced, their report refreshed when the process ends); what that refresh costs is measured apart.
/// </summary>
public sealed class LoggingBenchmark : IBenchmark
{
    private const int Metrics = 10;
    private const int Repetitions = 5;

    public string Name => "logging";

    public string Description => "Run.Log throughput and latency vs. a bare serializer writing the same rows (issue 2)";

    public void Run(BenchmarkReport report)
    {
        var keys = Enumerable.Range(0, Metrics).Select(i => "metric_" + i).ToArray();
        const int rows = 200_000;

        Throughput(report, keys, rows);
        Latency(report, keys);
        WandbShape(report);
        RefreshOfALargeStore(report);
        SlowDisk(report, keys);
    }

    private static void Throughput(BenchmarkReport report, string[] keys, int rows)
    {
        var baseline = BenchmarkReport.MedianSeconds(Repetitions, () => Baseline(keys, rows, writers: 1));
        var single = BenchmarkReport.MedianSeconds(Repetitions, () => LogRuns(keys, rows, runs: 1));
        var baseline8 = BenchmarkReport.MedianSeconds(Repetitions, () => Baseline(keys, rows / 8, writers: 8));
        var eight = BenchmarkReport.MedianSeconds(Repetitions, () => LogRuns(keys, rows / 8, runs: 8));

        report.Line($"  {rows:N0} rows x {Metrics} metrics, median of {Repetitions}; time includes Finish (everything written)");
        report.Figure("baseline: same serializer straight to a file, 1 writer", rows / baseline, "rows/s");
        report.Figure("Run.Log, 1 run", rows / single, "rows/s");
        report.Ratio("1 run / baseline", baseline / single, ">= 0.5", baseline / single >= 0.5);
        report.Figure("baseline, 8 writers on 8 threads", rows / baseline8, "rows/s");
        report.Figure("Run.Log, 8 concurrent runs on 8 threads", rows / eight, "rows/s");
        report.Ratio("8 runs / baseline", baseline8 / eight, ">= 0.5", baseline8 / eight >= 0.5);
    }

    private static void Latency(BenchmarkReport report, string[] keys)
    {
        // 100k rows/s = one row every 10 us; the call itself must not wait for the disk.
        using var store = new BenchStore();
        var run = store.Init();
        var durations = new List<double>(100_000);
        var pace = Stopwatch.StartNew();
        var values = NewRow(keys, 0);
        for (var i = 0; i < 100_000; i++)
        {
            while (pace.Elapsed.TotalMilliseconds * 100 < i)
            {
                Thread.SpinWait(20);
            }

            var start = Stopwatch.GetTimestamp();
            run.Log(values);
            durations.Add((Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency);
        }

        run.Finish();
        durations.Sort();
        var median = durations[durations.Count / 2];
        report.Figure("Log call at 100k rows/s: median", median, "us");
        report.Figure("Log call at 100k rows/s: p99", durations[(int)(durations.Count * 0.99)], "us");
        report.Ratio("median call vs 2 us target (ratio)", median / 2.0, "< 1 (under 2 us)", median < 2.0);
    }

    private static void WandbShape(BenchmarkReport report)
    {
        // Alternated so that load from other processes weighs on both alike.
        var outside = new List<double>();
        var inside = new List<double>();
        var refresh = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            outside.Add(WandbShapeOnce(GitUse.OutsideRepository, refresh));
            inside.Add(WandbShapeOnce(GitUse.InRepository, refresh));
        }

        var outsideSeconds = BenchmarkReport.Median(outside);
        var seconds = BenchmarkReport.Median(inside);
        report.Figure("W&B shape: 10 runs x 100 steps x 100 floats, durably flushed, outside a git repository", outsideSeconds * 1000, "ms");
        report.Figure("W&B shape: the same inside a git repository (git init + one commit), as a real project runs", seconds * 1000, "ms");
        report.Ratio("in a repository / outside (git state read once per process, off the Init path)", seconds / outsideSeconds, "informational", true);
        report.Ratio("in a repository vs 0.1 s target", seconds / 0.1, "< 1", seconds < 0.1);
        report.Ratio("vs W&B's fastest backend (1.67 s)", seconds / 1.67, "informational", true);
        report.Figure("  then, at process end: report refresh of those 10 runs (once per process)", BenchmarkReport.Median(refresh) * 1000, "ms");
    }

    /// <summary>Seconds the shape takes as a fresh process's first runs (a git cache of their own); the report refresh after it goes to <paramref name="refresh"/>.</summary>
    private static double WandbShapeOnce(GitUse git, List<double> refresh)
    {
        var keys = Enumerable.Range(0, 100).Select(i => "f" + i).ToArray();
        using var store = new BenchStore(git: git);
        var watch = Stopwatch.StartNew();
        var runs = Enumerable.Range(0, 10).Select(_ => store.Init()).ToList();
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 10 }, run =>
        {
            for (var step = 0; step < 100; step++)
            {
                run.Log(NewRow(keys, step));
            }

            run.Finish();
        });
        var seconds = watch.Elapsed.TotalSeconds;
        refresh.Add(Time(store.EndProcess));
        return seconds;
    }

    /// <summary>
    /// What a program run on its own adds to its exit by refreshing the report of a store that holds many
    /// runs, just under the size past which the refresh is skipped (the most a program pays), and how many
    /// runs that size holds.
    /// </summary>
    private static void RefreshOfALargeStore(BenchmarkReport report)
    {
        const int Runs = 1_000;
        var keys = Enumerable.Range(0, Metrics).Select(i => "metric_" + i).ToArray();
        using var store = new BenchStore();
        for (var i = 0; i < Runs; i++)
        {
            using var run = store.Init(group: "sweep-" + (i % 20), config: new Dictionary<string, object?> { ["learning_rate"] = 0.01 * (i % 7), ["trees"] = 100 + (i % 5), ["seed"] = i });
            for (var step = 0; step < 100; step++)
            {
                run.Log(NewRow(keys, step));
            }
        }

        var refresh = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            store.Init(group: "sweep-0").Finish();
            refresh.Add(Time(store.EndProcess));
        }

        var runsJson = new FileInfo(Path.Combine(store.Root, "report", "runs.json")).Length;
        report.Ratio("  its runs.json / the size past which a program skips the refresh", runsJson / (double)StandaloneRuns.LargeReportBytes, "< 1 (refreshed)", runsJson < StandaloneRuns.LargeReportBytes);
        report.Figure($"report refresh at process end, store of {Runs:N0} runs x 100 steps x {Metrics} metrics", BenchmarkReport.Median(refresh) * 1000, "ms");
        report.Figure("  its runs.json per run", runsJson / (double)(Runs + 3), "bytes");
        report.Figure($"  runs held by a runs.json of {StandaloneRuns.LargeReportBytes / (1024 * 1024)} MiB (refresh skipped past it)", StandaloneRuns.LargeReportBytes / (runsJson / (double)(Runs + 3)), "runs");
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static void SlowDisk(BenchmarkReport report, string[] keys)
    {
        // 20 ms per batch write models a disk far slower than the logger. Live memory is sampled with a
        // full collection so garbage does not count; without back-pressure it would grow with every row
        // the disk has not taken yet.
        using var store = new BenchStore(new SlowFileSystem(TimeSpan.FromMilliseconds(20)));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var run = store.Init();
        var values = NewRow(keys, 0);
        const int rows = 200_000;
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= rows; i++)
        {
            run.Log(values);
            if (i % 20_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        var logSeconds = watch.Elapsed.TotalSeconds;
        run.Finish();
        var rowBytes = MeasureRowBytes(keys);
        // At most one full pending batch plus the batch being written, and the writer's encode buffers.
        var bound = (2L * RecorderLimits.Default.MaxPendingRows * rowBytes) + (1L << 20);
        report.Figure("slow disk (20 ms per batch): 200k rows logged in", logSeconds, "s");
        report.Figure("slow disk: peak live memory growth", peak / 1024.0 / 1024.0, "MiB");
        report.Figure("slow disk: measured size of one queued row", rowBytes, "bytes");
        report.Figure("slow disk: what 200k queued rows would take", rows * (double)rowBytes / 1024.0 / 1024.0, "MiB");
        report.Ratio("peak growth / bound (2 x 20,000 pending rows + 1 MiB buffers)", (double)peak / bound, "<= 1 (bounded)", peak <= bound);
    }

    private static long MeasureRowBytes(string[] keys)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var rows = new List<PendingRow>(20_000);
        for (var i = 0; i < 20_000; i++)
        {
            rows.Add(new PendingRow(i, i, i, keys, new double[keys.Length]));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(rows);
        return (after - before) / rows.Count;
    }

    private static double LogRuns(string[] keys, int rowsPerRun, int runs)
    {
        using var store = new BenchStore();
        var opened = Enumerable.Range(0, runs).Select(_ => store.Init()).ToList();
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(opened, new ParallelOptions { MaxDegreeOfParallelism = runs }, run =>
        {
            var values = NewRow(keys, 0);
            for (var i = 0; i < rowsPerRun; i++)
            {
                run.Log(values);
            }

            run.Finish();
        });
        return watch.Elapsed.TotalSeconds;
    }

    private static void Baseline(string[] keys, int rowsPerWriter, int writers)
    {
        var dir = BenchmarkReport.TempDirectory("baseline");
        try
        {
            Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
            {
                var format = new HistoryLineWriter();
                var builder = new StringBuilder();
                var values = Enumerable.Range(0, keys.Length).Select(i => (double)i).ToArray();
                using var file = new FileStream(Path.Combine(dir, w + ".jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 1);
                for (var i = 0; i < rowsPerWriter; i += 1000)
                {
                    builder.Clear();
                    for (var j = i; j < Math.Min(i + 1000, rowsPerWriter); j++)
                    {
                        format.Append(builder, new PendingRow(j, j * 0.001, 1.7e9 + j, keys, values));
                    }

                    var bytes = Encoding.UTF8.GetBytes(builder.ToString());
                    file.Write(bytes, 0, bytes.Length);
                    file.Flush();
                }

                file.Flush(flushToDisk: true);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Dictionary<string, double> NewRow(string[] keys, int step)
    {
        var row = new Dictionary<string, double>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            row[keys[i]] = step + (i * 0.001);
        }

        return row;
    }

    /// <summary>Whether runs read the git state, and whether there is a repository to read.</summary>
    private enum GitUse
    {
        Disabled,
        OutsideRepository,
        InRepository,
    }

    /// <summary>A store in a temporary folder, written as a program run on its own writes it: runs are announced (the lines are formatted, then dropped) and its report is refreshed by <see cref="EndProcess"/>.</summary>
    private sealed class BenchStore : IDisposable
    {
        private readonly RunContext _context;
        private readonly List<Action> _atProcessEnd = new();
        private readonly string _folder;

        public BenchStore(IStoreFileSystem? fileSystem = null, GitUse git = GitUse.Disabled)
        {
            _folder = BenchmarkReport.TempDirectory("logging");
            if (git == GitUse.InRepository)
            {
                CommitOneFile(_folder);
            }

            Root = Path.Combine(_folder, "wandb");
            var environment = new Dictionary<string, string?> { ["WANDB_DIR"] = Root };
            if (git == GitUse.Disabled)
            {
                environment["WANDB_DISABLE_GIT"] = "true";
            }

            _context = new RunContext
            {
                Environment = new DictionaryEnvironmentVariables(environment),
                Output = new WarningsOnlyOutput(),
                FileSystem = fileSystem ?? PhysicalStoreFileSystem.Instance,
                CurrentDirectory = _folder,
                Standalone = new StandaloneRuns(new ReportRefresh(ConsoleOutput.Instance, TextWriter.Null, Root), _atProcessEnd.Add),
                Git = new GitStateCache(),
            };
        }

        public string Root { get; }

        public Run Init(string? group = null, IReadOnlyDictionary<string, object?>? config = null)
        {
            var options = new RunOptions { Group = group };
            foreach (var pair in config ?? new Dictionary<string, object?>())
            {
                options.Config[pair.Key] = pair.Value;
            }

            return Wandb.Run.Init(options, _context);
        }

        /// <summary>What the end of the process does: refresh the report of the runs written since the last call.</summary>
        public void EndProcess()
        {
            var actions = _atProcessEnd.ToList();
            _atProcessEnd.Clear();
            actions.ForEach(a => a());
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static void CommitOneFile(string folder)
        {
            File.WriteAllText(Path.Combine(folder, "train.py"), "print('train')\n");
            var identity = new Dictionary<string, string?> { ["GIT_AUTHOR_NAME"] = "bench", ["GIT_AUTHOR_EMAIL"] = "bench@example.invalid", ["GIT_COMMITTER_NAME"] = "bench", ["GIT_COMMITTER_EMAIL"] = "bench@example.invalid" };
            foreach (var arguments in new[] { "init --quiet", "add train.py", "commit --quiet -m initial" })
            {
                ProcessRunner.Run("git", arguments, folder, identity).ThrowIfFailed();
            }
        }
    }
}
