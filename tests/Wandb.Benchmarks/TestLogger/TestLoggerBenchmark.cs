using System.Diagnostics;
using System.Globalization;
using Wandb.Benchmarks.Harness;

namespace Wandb.Benchmarks.TestLogger;

/// <summary>
/// Overhead of the test logger: a 2,000-test MSTest project run with <c>dotnet test --no-build --logger wandb</c>
/// against <c>--logger trx</c>, runs interleaved, wall time ratio of medians (target &lt; 1.10). Each wandb run
/// writes into a fresh store and includes refreshing the reports of its 2,000 runs. A second figure shows the
/// same test run into a store that already holds 14,000 runs, since the reports cover the whole store.
/// </summary>
public sealed class TestLoggerBenchmark : IBenchmark
{
    private const int Repetitions = 7;
    private const double Target = 1.10;

    public string Name => "testlogger";

    public string Description => "dotnet test of 2,000 tests: --logger wandb vs --logger trx, ratio of medians < 1.10";

    public void Run(BenchmarkReport report)
    {
        var root = BenchmarkReport.TempDirectory("testlogger");
        var version = $"0.1.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}";
        try
        {
            var feed = Path.Combine(root, "feed");
            DotNetStep.Run($"pack \"{Path.Combine(RepositoryRoot(), "src", "Sdk", "Wandb.Sdk.csproj")}\" -c Release -o \"{feed}\" -p:Version={version} -v:q", root);

            var project = Path.Combine(root, "project");
            Directory.CreateDirectory(project);
            LargeTestProject.Write(project, feed, version, classes: 20, methods: 10, rows: 10);
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

            // The default store is shared and grows with every test run, and the reports cover all of it: the
            // same test run into a store that already holds the batch files of the runs above shows that cost.
            var grown = Path.Combine(root, "store-grown");
            Directory.CreateDirectory(Path.Combine(grown, "batches"));
            for (var i = 0; i < Repetitions; i++)
            {
                foreach (var batch in Directory.GetFiles(Path.Combine(root, "store-" + i, "batches")))
                {
                    File.Copy(batch, Path.Combine(grown, "batches", Path.GetFileName(batch)));
                }
            }

            var earlier = Repetitions * 2000;
            var grownEnvironment = new Dictionary<string, string?> { ["WANDB_DIR"] = grown };
            var wandbGrown = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                wandbGrown.Add(Time(() => DotNetStep.Run("test -c Release --no-build --logger wandb", project, grownEnvironment)));
            }

            var wandbMedian = BenchmarkReport.Median(wandb);
            var trxMedian = BenchmarkReport.Median(trx);
            var grownMedian = BenchmarkReport.Median(wandbGrown);
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  2,000 tests, {Repetitions} interleaved runs each; runs recorded by the last wandb run: {runs}"));
            report.Figure("dotnet test --logger trx (median)", trxMedian, "s");
            report.Figure("dotnet test --logger wandb (median)", wandbMedian, "s");
            report.Ratio("wandb / trx wall time", wandbMedian / trxMedian, "< 1.10", wandbMedian / trxMedian < Target);
            report.Figure(string.Create(CultureInfo.InvariantCulture, $"--logger wandb into a store of {earlier:N0} earlier runs (median of 3)"), grownMedian, "s");
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  grown store / trx wall time: {grownMedian / trxMedian:0.000} (information: the reports cover the whole store)"));
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
                var cached = Path.Combine(System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "wandb.sdk", version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
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

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Integration.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository (Integration.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
