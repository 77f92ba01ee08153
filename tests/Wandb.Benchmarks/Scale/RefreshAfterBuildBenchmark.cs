using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using Wandb.Benchmarks.Harness;
using Wandb.Benchmarks.Ui;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Storage;
using Wandb.Storage.Retention;

namespace Wandb.Benchmarks.Scale;

/// <summary>
/// Issue 13's second row: the report refresh at the end of a build that adds 20 runs (a 5-fold × 4-seed cross
/// validation, 100 steps × 4 metrics each) to a store already holding 1,000, 10,000 or 100,000 runs, against the
/// same build into an empty store, in one process. The earlier runs are test-logger batch runs of 500 groups, and a
/// first refresh has run (as the build before would have), so the measured one sees the store as a build finds it.
/// A build reads its store ahead while its targets run (BuildSession), and settles what it read into the oldest generation
/// (ReportReadAhead.SettleIntoOldGeneration): here the store object is opened and read ahead the same way when the build's
/// runs start, and the refresh is timed once the read-ahead is done. How long the read-ahead took, how
/// long the 20 runs took to write and how long the build then still waited for it are printed beside it: a real build's
/// targets (training, cross-validation) take seconds, these 20 runs a fraction of one. Builds that refresh a store
/// object opened at the end (no read-ahead) are interleaved and printed as well, and the four sizes take turns, round by
/// round. Each build gets a store of its own: a new empty store, or a copy of the generated one. After the builds into each store, a retention dry run as a refresh with a policy runs it: judged by
/// the group index, against judging every run as before the group index kept each group's activity.
/// </summary>
public sealed class RefreshAfterBuildBenchmark : IBenchmark
{
    /// <summary>
    /// Builds into each larger store. Five let one run's ratios move by 0.3-0.5 with the same code (a build's refresh there
    /// is 0.04-0.07 s, and one collection more or less is 10 ms of it); nine keep a median from one or two slow builds.
    /// </summary>
    private const int Repetitions = 9;

    /// <summary>
    /// Builds into an empty store: each is a tenth of a second, and their median (0.03-0.05 s) divides every ratio, so a
    /// few more of them keep one slow build from moving all three.
    /// </summary>
    private const int EmptyStoreRepetitions = 15;

    /// <summary>Rounds before the measured ones (see <see cref="Run"/>): after 20, a round's refreshes compiled a handful of methods.</summary>
    private const int WarmRounds = 20;
    private const double Target = 1.5;
    private static readonly int[] Sizes = { 0, 1_000, 10_000, 100_000 };

    public string Name => "refresh";

    public string Description => "report refresh after a build adding 20 runs: stores of 1k/10k/100k runs vs an empty store, ratio <= 1.5";

    public void Run(BenchmarkReport report)
    {
        var root = BenchmarkReport.TempDirectory("refresh");
        // 20 runs per build would each print where they are stored; the figures are what this benchmark prints.
        var silent = System.Environment.GetEnvironmentVariable("WANDB_SILENT");
        System.Environment.SetEnvironmentVariable("WANDB_SILENT", "true");
        try
        {
            var generated = Sizes.ToDictionary(size => size, size => size == 0 ? null : Path.Combine(root, "generated-" + size.ToString(CultureInfo.InvariantCulture)));
            foreach (var size in Sizes.Where(size => size > 0))
            {
                Generate(generated[size]!, size);
            }

            // Rounds first that are not measured, until the JIT is done with the refresh: a method the refresh calls once is
            // recompiled optimised after its 30th call, and one that only a store past the budget calls after 30 of those.
            // With one round only, each measured refresh compiled 0-30 methods in 0-35 ms of the JIT's time on a 2-core
            // machine whose other core the refresh uses, at whichever size the recompiling fell on (0.2-0.3 of a ratio
            // from run to run). Each round builds into each size with and without a read-ahead, as the measured rounds do. The
            // 100,000-run store too: without its rounds, the JIT's background thread took 0-35 ms of CPU (5 ms a refresh on
            // average, perf) in its measured refreshes alone, recompiling for its larger loops; a copy of it takes 0.4 s.
            for (var round = 0; round < WarmRounds; round++)
            {
                foreach (var size in Sizes)
                {
                    var warm = StoreOf(root, size);
                    foreach (var readsAhead in new[] { true, false })
                    {
                        var store = Fresh(warm, generated[size], "warm-", 0);
                        Build(store, -1, readsAhead);
                        Directory.Delete(store, recursive: true);
                    }
                }
            }

            // Then the sizes take turns, each round starting with the next one, so no size gets a minute of its own on a
            // machine whose speed drifts.
            var readingAhead = Sizes.ToDictionary(size => size, _ => new List<BuildTimes>());
            var cold = Sizes.ToDictionary(size => size, _ => new List<BuildTimes>());
            for (var build = 0; build < EmptyStoreRepetitions; build++)
            {
                foreach (var size in Sizes.Skip(build % Sizes.Length).Concat(Sizes.Take(build % Sizes.Length)))
                {
                    if (build < (size == 0 ? EmptyStoreRepetitions : Repetitions))
                    {
                        var store = StoreOf(root, size);
                        readingAhead[size].Add(Build(Fresh(store, generated[size], "ahead-", build), 2 * build, readsAhead: true));
                        cold[size].Add(Build(Fresh(store, generated[size], "cold-", build), (2 * build) + 1, readsAhead: false));
                    }
                }
            }

            var refreshes = new List<double>();
            var colds = new List<double>();
            var cpus = new List<double>();
            foreach (var size in Sizes)
            {
                var store = StoreOf(root, size);
                refreshes.Add(BenchmarkReport.Median(readingAhead[size].Select(b => b.Refresh).ToList()));
                colds.Add(BenchmarkReport.Median(cold[size].Select(b => b.Refresh).ToList()));
                // In milliseconds: a refresh is 15-60 ms, which two decimals of a second hardly tell apart.
                report.Figure(string.Create(CultureInfo.InvariantCulture, $"refresh after 20 runs into {size:N0} earlier runs (median of {readingAhead[size].Count})"), refreshes[^1] * 1000, "ms");
                cpus.Add(BenchmarkReport.Median(readingAhead[size].Select(b => b.Cpu).ToList()));
                report.Figure("    CPU time of the process during it, all threads", cpus[^1] * 1000, "ms");
                report.Line("    " + StepLine(readingAhead[size]));
                report.Line("    " + CollectionLine(readingAhead[size]));
                report.Line(string.Create(
                    CultureInfo.InvariantCulture,
                    $"    read ahead in {BenchmarkReport.Median(readingAhead[size].Select(b => b.ReadAhead).ToList()):0.00} s while the build's runs were written in {BenchmarkReport.Median(readingAhead[size].Select(b => b.Runs).ToList()):0.00} s; the build then waited {BenchmarkReport.Median(readingAhead[size].Select(b => b.Waited).ToList()):0.00} s for it"));
                report.Figure("    without the read-ahead (store opened at the end)", colds[^1] * 1000, "ms");
                // After the builds, not between them: the store objects these read would be collected during the next build.
                var retentions = Enumerable.Range(0, Repetitions).Select(_ => Retention(Path.Combine(store, "ahead-0"), "build-0")).ToList();
                var retention = BenchmarkReport.Median(retentions.Select(r => r.ByGroupIndex).ToList());
                var fromRuns = BenchmarkReport.Median(retentions.Select(r => r.FromEveryRun).ToList());
                report.Line(string.Create(CultureInfo.InvariantCulture, $"    retention (keep 1,000 groups, nothing to delete) judged by the group index {retention:0.000} s, from every run {fromRuns:0.000} s ({fromRuns / retention:0.0}x)"));
                var reports = Path.Combine(store, "ahead-0", "report");
                var html = new FileInfo(Path.Combine(reports, "index.html")).Length / 1048576.0;
                var json = new FileInfo(Path.Combine(reports, "runs.json")).Length / 1048576.0;
                report.Line(string.Create(CultureInfo.InvariantCulture, $"    index.html {html:0.00} MiB, runs.json {json:0.00} MiB"));
            }

            for (var i = 1; i < Sizes.Length; i++)
            {
                var ratio = refreshes[i] / refreshes[0];
                report.Ratio(string.Create(CultureInfo.InvariantCulture, $"{Sizes[i]:N0} earlier runs / empty store"), ratio, "<= 1.5", ratio <= Target);
            }

            // Each round's refresh against the empty store's of the same round: the machine's speed drifts between rounds, and
            // this median is what that drift moves least. The target is judged on the ratio of medians above, as before.
            var paired = Sizes.Skip(1).Select(size => BenchmarkReport.Median(readingAhead[size].Select((b, round) => b.Refresh / readingAhead[0][round].Refresh).ToList())).ToList();
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  median of the paired ratios (each round's refresh / the same round's into the empty store), 1k / 10k / 100k: {paired[0]:0.000}, {paired[1]:0.000}, {paired[2]:0.000}"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  CPU time, 1k / 10k / 100k earlier runs / empty store: {cpus[1] / cpus[0]:0.00}, {cpus[2] / cpus[0]:0.00}, {cpus[3] / cpus[0]:0.00}"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  without the read-ahead, 1k / 10k / 100k earlier runs / empty store: {colds[1] / colds[0]:0.00}, {colds[2] / colds[0]:0.00}, {colds[3] / colds[0]:0.00}"));
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  growth from 1k to 10k to 100k earlier runs: {refreshes[2] / refreshes[1]:0.00}x, {refreshes[3] / refreshes[2]:0.00}x"));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("WANDB_SILENT", silent);
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder costs only disk space.
            }
        }
    }

    /// <summary>
    /// When each step of the refresh ended (<see cref="ReportTimings"/>), medians in ms from its start: the model, then what
    /// one core writes after it, then the page, written on the other core meanwhile.
    /// </summary>
    private static string StepLine(IReadOnlyList<BuildTimes> builds)
    {
        string Median(string step) => BenchmarkReport.Median(builds.Where(b => b.Steps.ContainsKey(step)).Select(b => b.Steps[step]).ToList()).ToString("0.0", CultureInfo.InvariantCulture);
        var core = ReportTimings.FileSteps.Select(s => $"{s} {Median(s)}");
        var page = ReportTimings.PageSteps.Select(s => $"{s} {Median(s)}");
        return "steps ended at (ms): " + string.Join(", ", core) + "; beside them " + string.Join(", ", page);
    }

    /// <summary>
    /// What the refresh allocated and the collections during it, medians: how long they paused the process and how many
    /// there were of each generation, and what the JIT compiled meanwhile. Every thread stops for a collection, and one of a young generation costs more the more old objects
    /// were written to meanwhile, so a larger store can make the same allocations dearer.
    /// </summary>
    private static string CollectionLine(IReadOnlyList<BuildTimes> builds)
    {
        string Median(Func<BuildTimes, double> of, string format) => BenchmarkReport.Median(builds.Select(of).ToList()).ToString(format, CultureInfo.InvariantCulture);
        return $"allocated {Median(b => b.AllocatedMiB, "0.0")} MiB; collections during it: paused {Median(b => b.GcPauseMs, "0.0")} ms; generation 0 / 1 / 2: {Median(b => b.Collections[0], "0")} / {Median(b => b.Collections[1], "0")} / {Median(b => b.Collections[2], "0")} (max {builds.Max(b => b.GcPauseMs).ToString("0.0", CultureInfo.InvariantCulture)} ms); "
            + $"JIT during it: {Median(b => b.JitMethods, "0")} methods in {Median(b => b.JitMs, "0.0")} ms (max {builds.Max(b => b.JitMethods).ToString("0", CultureInfo.InvariantCulture)} in {builds.Max(b => b.JitMs).ToString("0.0", CultureInfo.InvariantCulture)} ms)";
    }

    /// <summary>The folder of the stores the builds into the stores of <paramref name="size"/> earlier runs go into.</summary>
    private static string StoreOf(string root, int size) => Path.Combine(root, "store-" + size.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The store one measured build goes into: a new empty one, or a copy of the generated store. Each build finds the store
    /// as the row describes it; adding every build to one store made the later ones chart the earlier builds' runs too
    /// (up to 180 runs with curves against the empty store's 20).
    /// </summary>
    private static string Fresh(string store, string? generated, string kind, int build)
    {
        var path = Path.Combine(store, kind + build.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(store);
        if (generated is not null)
        {
            CopyToDisk(generated, path);
        }

        return path;
    }

    /// <summary>
    /// Copies a generated store and writes the copy out before the build (<c>sync</c>, outside the clock): a real build
    /// finds its store on the disk, not a few hundred megabytes waiting to be written, whose writing-out would land in
    /// whichever later refresh it met.
    /// </summary>
    internal static void CopyToDisk(string generated, string path)
    {
        Wandb.TestSupport.FolderCopy.Copy(generated, path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var sync = Process.Start("sync");
        sync.WaitForExit();
    }

    /// <summary>
    /// The earlier runs, then the refresh of the build before the measured ones: the store as they find it. In a method of
    /// its own, so that nothing it read stays reachable from <see cref="Run"/>'s frame (a method run once is compiled
    /// without tracking when its locals die): the store object of that refresh held 270 MB of a 100,000-run store through
    /// every measured build, and each of their collections had to mark it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Generate(string generated, int size)
    {
        LargeBatchStore.Write(generated, size, project: "history");
        ReportWriter.WriteAll(RunStore.Open(generated), new ReportOptions());
    }

    /// <summary>One build of 20 runs, then its refresh.</summary>
    /// <param name="store">The store folder.</param>
    /// <param name="build">The build's number, which names its group.</param>
    /// <param name="readsAhead">Read the store ahead while the runs are written, as a build does; else open it at the end.</param>
    private static BuildTimes Build(string store, int build, bool readsAhead)
    {
        // Each build starts as in a process of its own: what the builds before it read (a store object of 50 MB at
        // 100,000 runs each) is collected first, outside the clock, not during this build's refresh.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Directory.CreateDirectory(store);
        var opened = readsAhead ? RunStore.Open(store) : null;
        var readAhead = 0.0;
        var reading = opened is null ? Task.CompletedTask : Task.Run(() =>
        {
            var read = Stopwatch.StartNew();
            ReportReadAhead.Prepare(opened, new[] { GroupName(build) }, ReportOptions.DefaultMaxDetailRuns);
            ReportReadAhead.SettleIntoOldGeneration();
            readAhead = read.Elapsed.TotalSeconds;
        });
        var runs = Stopwatch.StartNew();
        var group = WriteBuild(store, build);
        var written = runs.Elapsed.TotalSeconds;
        var wait = Stopwatch.StartNew();
        reading.Wait();
        var waited = wait.Elapsed.TotalSeconds;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var jitMethods = JitInfo.GetCompiledMethodCount();
        var jitTime = JitInfo.GetCompilationTime();
        var watch = Stopwatch.StartNew();
        var steps = new ReportTimings();
        ReportWriter.WriteAll(opened ?? RunStore.Open(store), new ReportOptions { FocusGroups = { group } }, SystemClock.Instance, ConsoleOutput.Instance, steps);
        var refreshed = watch.Elapsed.TotalSeconds;
        var jit = (Methods: (double)(JitInfo.GetCompiledMethodCount() - jitMethods), Ms: (JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds);
        process.Refresh();
        var gcPauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
        var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        var counts = Enumerable.Range(0, 3).Select(g => (double)(GC.CollectionCount(g) - collections[g])).ToArray();
        return new BuildTimes(refreshed, (process.TotalProcessorTime - cpu).TotalSeconds, readAhead, written, waited, steps.Ends, gcPauseMs, counts, allocatedMiB, jit.Methods, jit.Ms);
    }

    /// <summary>
    /// Seconds of retention as a refresh with a policy runs it, first thing after the read-ahead (the run index listed, no
    /// run assembled): judged by the group index, then from every listed run as before the group index kept each group's
    /// activity. Each on a store object of its own, read ahead before the clock starts. The policy (keep 1,000 groups per
    /// project) deletes nothing, as on most refreshes of a store whose old runs went at earlier ones: what is timed is the
    /// judging; a deletion reads the runs it deletes on top.
    /// </summary>
    private static (double ByGroupIndex, double FromEveryRun) Retention(string store, string group)
    {
        var policy = new RetentionPolicy { KeepGroups = 1_000 };
        var judged = RunStore.Open(store);
        judged.Prepare(Array.Empty<string>(), ReportOptions.DefaultMaxDetailRuns);
        var watch = Stopwatch.StartNew();
        var deleted = RunRetention.Apply(judged, policy, new[] { group }).Runs.Count;
        var byGroupIndex = watch.Elapsed.TotalSeconds;
        var listed = RunStore.Open(store);
        listed.Prepare(Array.Empty<string>(), ReportOptions.DefaultMaxDetailRuns);
        watch.Restart();
        var expired = RetentionSelection.Expired(listed.ListRuns(), policy, new HashSet<string> { group }, DateTimeOffset.UtcNow).Count;
        var fromEveryRun = watch.Elapsed.TotalSeconds;
        return deleted == 0 && expired == 0 ? (byGroupIndex, fromEveryRun) : throw new InvalidOperationException($"The retention policy deleted {deleted} run(s) ({expired} judged from every run): the stores hold more groups than it keeps.");
    }

    /// <summary>Writes one build's 20 runs (5 folds × 4 seeds) and returns its group.</summary>
    private static string WriteBuild(string store, int build)
    {
        var group = GroupName(build);
        for (var fold = 0; fold < 5; fold++)
        {
            for (var seed = 0; seed < 4; seed++)
            {
                var options = new RunOptions { Dir = store, Project = "churn", Group = group, JobType = "CrossValidate" };
                options.Config["fold"] = fold;
                options.Config["seed"] = seed;
                using var run = Wandb.Run.Init(options);
                for (var step = 0; step < 100; step++)
                {
                    run.Log(new Dictionary<string, double>
                    {
                        ["loss"] = 1.0 / (step + 1 + seed),
                        ["accuracy"] = 0.5 + (step / 250.0) + (fold / 100.0),
                        ["auc"] = 0.6 + (step / 300.0),
                        ["f1"] = 0.55 + (step / 280.0),
                    });
                }

                run.Finish();
            }
        }

        return group;
    }

    private static string GroupName(int build) => "build-" + build.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Seconds: the refresh once the store was read, the CPU time the process took meanwhile (every thread: the page's, the
    /// thread pool's), the read-ahead, writing the build's runs, and the wait for the read-ahead after them; then when each
    /// step of the refresh ended, and the refresh's collection pauses (ms), collections per generation, allocations (MiB), and
    /// the methods the JIT compiled meanwhile and its time on them (ms, every thread).
    /// </summary>
    private sealed record BuildTimes(double Refresh, double Cpu, double ReadAhead, double Runs, double Waited, IReadOnlyDictionary<string, double> Steps, double GcPauseMs, double[] Collections, double AllocatedMiB, double JitMethods, double JitMs);
}
