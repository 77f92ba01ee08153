using System.Diagnostics;
using System.Globalization;
using Wandb.Benchmarks.Harness;
using Wandb.TestSupport;

namespace Wandb.Benchmarks.TestLogger;

/// <summary>
/// Overhead of the test logger: a 2,000-test MSTest project run with <c>dotnet test --no-build --logger wandb</c>
/// against <c>--logger trx</c>, runs interleaved, wall time ratio of medians (target &lt; 1.10). Each wandb run
/// writes into a fresh store and includes refreshing the reports of its 2,000 runs. Then the same test run into
/// stores that already hold 1,000, 10,000 and 100,000 runs (issue 13's target: at 100,000 still within 1.10 of trx),
/// each beside a trx run of its own, with the growth between them.
/// </summary>
public sealed class TestLoggerBenchmark : IBenchmark
{
    private const int Repetitions = 7;
    private const double Target = 1.10;
    private const int GrownRepetitions = 5;
    private static readonly int[] GrownSizes = { 1_000, 10_000, 100_000 };

    public string Name => "testlogger";

    public string Description => "dotnet test of 2,000 tests: --logger wandb vs --logger trx, ratio of medians < 1.10";

    public void Run(BenchmarkReport report)
    {
        var root = BenchmarkReport.TempDirectory("testlogger");
        LocalPackage? package = null;
        try
        {
            package = LocalPackage.Pack(root);

            var project = Path.Combine(root, "project");
            Directory.CreateDirectory(project);
            LargeTestProject.Write(project, package.Feed, package.Version, classes: 20, methods: 10, rows: 10);
            DotNetStep.Run("build -c Release -v:q", project);

            // A fresh store per wandb run, deleted only at the end: deleting 2,000 run folders right before a
            // measured run leaves the file system busy and would bill that to the logger.
            var wandb = new List<double>();
            var trx = new List<double>();
            var store = string.Empty;
            for (var i = 0; i < Repetitions; i++)
            {
                store = Path.Combine(root, "store-" + i);
                var environment = new Dictionary<string, string?> { ["WANDB_DIR"] = store };
                trx.Add(Time(() => DotNetStep.Run("test -c Release --no-build --logger trx", project, environment)));
                wandb.Add(Time(() => DotNetStep.Run("test -c Release --no-build --logger wandb", project, environment)));
            }

            var runs = Wandb.Storage.RunStore.Open(store).ListRuns().Count(r => r.State == Wandb.RunState.Finished);
            if (runs != 2000)
            {
                throw new InvalidOperationException($"The logger recorded {runs} finished runs instead of 2,000.");
            }

            // The default store is shared and grows with every test run: the same test run into stores that already
            // hold 1,000, 10,000 and 100,000 runs of another project (test-logger batch files), each repetition beside a trx
            // run of its own, so the ratio compares runs made at the same time on this noisy machine. The generated store
            // gets one test run first (it builds the run and group indexes and writes the reports, as the test run before
            // would have), and each measured run goes into a copy of it, so every repetition finds the same store.
            var grownMedians = new List<(int Runs, double Median, double Trx, double Paired)>();
            foreach (var earlier in GrownSizes)
            {
                var grown = Path.Combine(root, "store-grown-" + earlier.ToString(CultureInfo.InvariantCulture));
                Ui.LargeBatchStore.Write(grown, earlier, project: "history");
                DotNetStep.Run("test -c Release --no-build --logger wandb", project, new Dictionary<string, string?> { ["WANDB_DIR"] = grown });
                var times = new List<double>();
                var trxTimes = new List<double>();
                for (var i = 0; i < GrownRepetitions; i++)
                {
                    var copy = grown + "-" + i.ToString(CultureInfo.InvariantCulture);
                    FolderCopy.Copy(grown, copy);
                    trxTimes.Add(Time(() => DotNetStep.Run("test -c Release --no-build --logger trx", project, new Dictionary<string, string?> { ["WANDB_DIR"] = copy })));
                    times.Add(Time(() => DotNetStep.Run("test -c Release --no-build --logger wandb", project, new Dictionary<string, string?> { ["WANDB_DIR"] = copy })));
                }

                var paired = BenchmarkReport.Median(times.Zip(trxTimes, (w, t) => w / t).ToList());
                grownMedians.Add((earlier, BenchmarkReport.Median(times), BenchmarkReport.Median(trxTimes), paired));
            }

            var wandbMedian = BenchmarkReport.Median(wandb);
            var trxMedian = BenchmarkReport.Median(trx);
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  2,000 tests, {Repetitions} interleaved runs each; runs recorded by the last wandb run: {runs}"));
            report.Figure("dotnet test --logger trx (median)", trxMedian, "s");
            report.Figure("dotnet test --logger wandb (median)", wandbMedian, "s");
            report.Ratio("wandb / trx wall time", wandbMedian / trxMedian, "< 1.10", wandbMedian / trxMedian < Target);
            foreach (var (earlier, median, trxBeside, paired) in grownMedians)
            {
                report.Figure(string.Create(CultureInfo.InvariantCulture, $"--logger wandb into a store of {earlier:N0} earlier runs (median of {GrownRepetitions})"), median, "s");
                report.Line(string.Create(CultureInfo.InvariantCulture, $"    trx beside them {trxBeside:0.00} s: ratio of medians {median / trxBeside:0.000}, median of the paired ratios {paired:0.000}"));
            }

            var largest = grownMedians[^1];
            report.Ratio(string.Create(CultureInfo.InvariantCulture, $"wandb into {largest.Runs:N0} runs / trx beside them"), largest.Median / largest.Trx, "<= 1.10", largest.Median / largest.Trx <= Target);
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  growth of the wandb run's time from {GrownSizes[0]:N0} to {GrownSizes[1]:N0} to {GrownSizes[2]:N0} earlier runs: {grownMedians[1].Median / grownMedians[0].Median:0.00}x, {grownMedians[2].Median / grownMedians[1].Median:0.00}x"));
        }
        finally
        {
            package?.DeleteFromCache();
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

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
