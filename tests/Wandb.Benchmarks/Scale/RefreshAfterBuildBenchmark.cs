using System.Diagnostics;
using System.Globalization;
using Wandb.Benchmarks.Harness;
using Wandb.Benchmarks.Ui;
using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Benchmarks.Scale;

/// <summary>
/// Issue 13's second row: the report refresh at the end of a build that adds 20 runs (a 5-fold × 4-seed cross
/// validation, 100 steps × 4 metrics each) to a store already holding 1,000, 10,000 or 100,000 runs, against the
/// same build into an empty store, in one process. The earlier runs are test-logger batch runs of 500 groups, and a
/// first refresh has run (as the build before would have), so the measured one sees the store as a build finds it.
/// </summary>
public sealed class RefreshAfterBuildBenchmark : IBenchmark
{
    private const int Repetitions = 5;
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
            var medians = new List<(int Runs, double Median)>();
            foreach (var size in Sizes)
            {
                var store = Path.Combine(root, "store-" + size.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(store);
                if (size > 0)
                {
                    LargeBatchStore.Write(store, size, project: "history");
                }

                // The refresh of the build before this one: the store as the measured build finds it.
                ReportWriter.WriteAll(RunStore.Open(store), new ReportOptions());
                var times = new List<double>();
                for (var build = 0; build < Repetitions; build++)
                {
                    var group = WriteBuild(store, build);
                    var watch = Stopwatch.StartNew();
                    ReportWriter.WriteAll(RunStore.Open(store), new ReportOptions { FocusGroups = { group } });
                    times.Add(watch.Elapsed.TotalSeconds);
                }

                var median = BenchmarkReport.Median(times);
                medians.Add((size, median));
                var html = new FileInfo(Path.Combine(store, "report", "index.html")).Length / 1048576.0;
                var json = new FileInfo(Path.Combine(store, "report", "runs.json")).Length / 1048576.0;
                report.Figure(string.Create(CultureInfo.InvariantCulture, $"refresh after 20 runs into {size:N0} earlier runs (median of {Repetitions})"), median, "s");
                report.Line(string.Create(CultureInfo.InvariantCulture, $"    index.html {html:0.00} MiB, runs.json {json:0.00} MiB"));
            }

            var empty = medians[0].Median;
            foreach (var (size, median) in medians.Skip(1))
            {
                report.Ratio(string.Create(CultureInfo.InvariantCulture, $"{size:N0} earlier runs / empty store"), median / empty, "<= 1.5", median / empty <= Target);
            }

            report.Line(string.Create(CultureInfo.InvariantCulture, $"  growth from 1k to 10k to 100k earlier runs: {medians[2].Median / medians[1].Median:0.00}x, {medians[3].Median / medians[2].Median:0.00}x"));
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

    /// <summary>Writes one build's 20 runs (5 folds × 4 seeds) and returns its group.</summary>
    private static string WriteBuild(string store, int build)
    {
        var group = "build-" + build.ToString(CultureInfo.InvariantCulture);
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
}
