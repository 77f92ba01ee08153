using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Wandb.Benchmarks.Harness;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Storage;
using Wandb.Storage.Postgres;
using Wandb.Storage.Retention;

namespace Wandb.Benchmarks.Postgres;

/// <summary>
/// All group aggregates of generated PostgreSQL stores (<see cref="PostgresStoreGenerator"/>: 100 steps x 4 metrics
/// per run) computed in the database, against the baseline in the same run: every run listed and grouped in this
/// process, as reports did. Prints medians, the growth from each size to the next, the reporting process's peak
/// working set during each (sampled every 20 ms: the process's own peak would carry the baseline's into the next
/// measurement) and whether both give the same aggregates, against the issue's target for 1,000,000 runs: within 30 s
/// and 1 GB. Environment: WANDB_BENCH_PG_SCALE_RUNS (default "1000,10000,100000,1000000"), WANDB_BENCH_REPEAT (3),
/// WANDB_BENCH_PG_SCALE_BASELINE_MAX (largest store the baseline lists; default 100000, since a million runs listed
/// hold several GB). Then retention judged in SQL against judging every listed run, then the reports of each store (<see cref="PostgresScaleReport"/>). Needs WANDB_TEST_POSTGRES like the <c>postgres</c> benchmark; each store is its own schema,
/// dropped afterwards.
/// </summary>
public sealed class PostgresScaleBenchmark : IBenchmark
{
    private const double TargetSeconds = 30;
    private const double TargetMegabytes = 1024;

    public string Name => "postgres-scale";

    public string Description => "all group aggregates of a PostgreSQL store in SQL vs listing every run (target at 1,000,000 runs: <= 30 s, <= 1 GB)";

    public void Run(BenchmarkReport report)
    {
        var server = System.Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            report.Line("  WANDB_TEST_POSTGRES is not set: run `source build/services.sh && ensure_postgres` first (build/test.sh does it).");
            return;
        }

        var sizes = (System.Environment.GetEnvironmentVariable("WANDB_BENCH_PG_SCALE_RUNS") ?? "1000,10000,100000,1000000")
            .Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToList();
        var repeat = int.Parse(System.Environment.GetEnvironmentVariable("WANDB_BENCH_REPEAT") ?? "3", CultureInfo.InvariantCulture);
        var baselineMax = int.Parse(System.Environment.GetEnvironmentVariable("WANDB_BENCH_PG_SCALE_BASELINE_MAX") ?? "100000", CultureInfo.InvariantCulture);
        (int Runs, double Sql, double? Baseline)? previous = null;
        foreach (var runs in sizes)
        {
            var schema = "bench_scale_" + Guid.NewGuid().ToString("N").Substring(0, 8);
            Execute(server, $"CREATE SCHEMA {schema}");
            var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
            try
            {
                var store = new PostgresRunStore(PostgresConnectionInfo.Parse(connection, "WANDB_STORE"), BenchmarkReport.TempDirectory("postgres-scale"), PhysicalStoreFileSystem.Instance, ConsoleOutput.Instance, SystemClock.Instance, PostgresStoreOptions.Default);
                store.OpenConnection().Dispose();
                var watch = Stopwatch.StartNew();
                PostgresStoreGenerator.Generate(connection, runs);
                report.Line(string.Create(CultureInfo.InvariantCulture, $"  {runs:N0} runs ({runs * (long)PostgresStoreGenerator.Steps:N0} history rows) generated in {watch.Elapsed.TotalSeconds:N0} s; database {DatabaseSize(connection)}"));

                IReadOnlyList<GroupAggregate> fromSql = Array.Empty<GroupAggregate>();
                var (sql, sqlPeak) = Measure(repeat, () => fromSql = store.AggregateGroups());
                report.Figure($"{runs:N0} runs, {fromSql.Count:N0} groups: aggregates in SQL, median of {repeat}", sql, "s");
                report.Figure($"{runs:N0} runs: peak working set during it", sqlPeak, "MB");
                double? baseline = null;
                if (runs <= baselineMax)
                {
                    IReadOnlyList<GroupAggregate> listed = Array.Empty<GroupAggregate>();
                    var (seconds, peak) = Measure(repeat, () => listed = GroupAggregator.Of(store.ListRuns().ToList()));
                    baseline = seconds;
                    report.Figure($"{runs:N0} runs: baseline, every run listed and grouped here", seconds, "s");
                    report.Figure($"{runs:N0} runs: peak working set during it", peak, "MB");
                    report.Ratio($"{runs:N0} runs: SQL / baseline", sql / seconds, "< 1", sql < seconds);
                    report.Line($"  {runs:N0} runs: the same aggregates both ways: {(Describe(fromSql) == Describe(listed) ? "yes" : "NO")}");
                }
                else
                {
                    report.Line($"  {runs:N0} runs: baseline skipped (above WANDB_BENCH_PG_SCALE_BASELINE_MAX={baselineMax:N0}: listing every run would hold several GB)");
                }

                MeasureRetention(report, store, runs, repeat, runs <= baselineMax);
                if (previous is { } last)
                {
                    report.Figure($"growth {last.Runs:N0} -> {runs:N0} runs, SQL", sql / last.Sql, "x");
                    if (baseline is { } b && last.Baseline is { } lb)
                    {
                        report.Figure($"growth {last.Runs:N0} -> {runs:N0} runs, baseline", b / lb, "x");
                    }
                }

                if (runs == 1_000_000)
                {
                    report.Ratio("1,000,000 runs: SQL aggregates / 30 s", sql / TargetSeconds, "<= 1", sql <= TargetSeconds);
                    report.Ratio("1,000,000 runs: peak working set / 1 GB", sqlPeak / TargetMegabytes, "<= 1", sqlPeak <= TargetMegabytes);
                }

                PostgresScaleReport.Measure(report, store, runs);
                previous = (runs, sql, baseline);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                PostgresSchema.ForgetMigrations();
                Execute(server, $"DROP SCHEMA {schema} CASCADE");
            }
        }
    }

    /// <summary>
    /// Retention as a refresh with a policy runs it, judged by each group's activity computed in SQL, against judging every
    /// run listed here (as it did before; only up to the baseline's largest store). The policy keeps every group, so what
    /// is timed is the judging; a deletion reads the runs it deletes on top.
    /// </summary>
    private static void MeasureRetention(BenchmarkReport report, PostgresRunStore store, int runs, int repeat, bool withBaseline)
    {
        var policy = new RetentionPolicy { KeepGroups = 1_000_000 };
        var deleted = -1;
        var (seconds, peak) = Measure(repeat, () => deleted = RunRetention.Apply(store, policy).Runs.Count);
        report.Figure($"{runs:N0} runs: retention judged in SQL (keeps every group), median of {repeat}", seconds, "s");
        report.Figure($"{runs:N0} runs: peak working set during it", peak, "MB");
        if (!withBaseline)
        {
            return;
        }

        var expired = -1;
        var (listed, listedPeak) = Measure(repeat, () => expired = RetentionSelection.Expired(store.ListRuns(), policy, new HashSet<string>(), DateTimeOffset.UtcNow).Count);
        report.Figure($"{runs:N0} runs: retention judged from every run listed here", listed, "s");
        report.Figure($"{runs:N0} runs: peak working set during it", listedPeak, "MB");
        report.Ratio($"{runs:N0} runs: retention in SQL / from every run", seconds / listed, "< 1", seconds < listed);
        report.Line($"  {runs:N0} runs: nothing deleted either way: {(deleted == 0 && expired == 0 ? "yes" : "NO")}");
    }

    /// <summary>Median seconds of <paramref name="repeat"/> runs, and the largest working set seen meanwhile (MB).</summary>
    internal static (double Seconds, double PeakMegabytes) Measure(int repeat, Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var peak = 0L;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                Thread.Sleep(20);
            }
        })
        {
            IsBackground = true,
        };
        sampler.Start();
        var seconds = BenchmarkReport.MedianSeconds(repeat, action);
        stop.Cancel();
        sampler.Join();
        return (seconds, peak / (1024.0 * 1024.0));
    }

    private static string Describe(IReadOnlyList<GroupAggregate> groups) => string.Join("\n", groups.Select(g =>
        string.Create(CultureInfo.InvariantCulture, $"{g.Project}|{g.Group}|{g.Runs}|{string.Join(",", g.States.Select(s => $"{s.Key}={s.Value}"))}|{g.NewestCreatedAt:O}|{string.Join(",", g.JobTypes)}|") +
        string.Join(";", g.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}:{m.Value.N}:{m.Value.Mean:R}:{m.Value.Median:R}:{m.Value.Min:R}:{m.Value.Max:R}:{m.Value.Std:R}:{m.Value.NonFinite}:{m.Value.NonNumeric}")))));

    private static string DatabaseSize(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')", connection);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "?";
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
