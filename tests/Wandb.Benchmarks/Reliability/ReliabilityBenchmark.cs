using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Wandb.Benchmarks.Harness;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;
using Wandb.Storage.Postgres;
using Wandb.TestSupport;

namespace Wandb.Benchmarks.Reliability;

/// <summary>
/// Issue 19's guarantees, measured: rows lost when the PostgreSQL server stops, restarts or crashes while 4 writers
/// log at a fixed rate (target 0), the latency of <c>Log</c> during the outage against the same writers with the
/// server up (target p99.9 under 1 ms), and how many milliseconds of rows a process killed with SIGKILL loses on
/// each store (the bound docs/store-format.md and docs/shared-store.md state). The outages are staged on a
/// PostgreSQL cluster of the benchmark's own, so no other program on the machine sees them.
/// </summary>
public sealed class ReliabilityBenchmark : IBenchmark
{
    private const int Writers = 4;
    private const int Kills = 7;
    private const int KillRate = 20_000;
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(15);

    public string Name => "reliability";

    public string Description => "rows lost through PostgreSQL outages and SIGKILL, Log latency during an outage (targets: 0 lost, p99.9 < 1 ms)";

    public void Run(BenchmarkReport report)
    {
        using var cluster = PrivateCluster.TryCreate(out var problem);
        if (cluster is null)
        {
            report.Line("  " + problem);
            return;
        }

        var scenarios = new List<(string Name, int Rate, TimeSpan Length, Action Fault)>
        {
            ("server stopped 1 s", 20_000, TimeSpan.FromSeconds(1), () => StopFor(cluster, "fast", TimeSpan.FromSeconds(1))),
            ("server stopped 15 s", 2_000, TimeSpan.FromSeconds(15), () => StopFor(cluster, "fast", TimeSpan.FromSeconds(15))),
            ("server stopped 15 s", 20_000, TimeSpan.FromSeconds(15), () => StopFor(cluster, "fast", TimeSpan.FromSeconds(15))),
            ("server stopped 60 s", 20_000, TimeSpan.FromSeconds(60), () => StopFor(cluster, "fast", TimeSpan.FromSeconds(60))),
            ("pg_ctl restart -m fast", 20_000, TimeSpan.Zero, cluster.Restart),
            ("server crashed 15 s (stop -m immediate)", 20_000, TimeSpan.FromSeconds(15), () => StopFor(cluster, "immediate", TimeSpan.FromSeconds(15))),
        };

        report.Line($"  {Writers} writers, each one run logging 2 metrics at a fixed rate; {Before.TotalSeconds:0} s before the fault, {After.TotalSeconds:0} s after the server is back, then Finish.");
        report.Line($"  {"outage",-40} {"rows/s x writers",16} {"logged",11} {"in database",12} {"left in spill",14} {"lost",6} {"caught up",10} {"Finish",7}");
        var outcomes = scenarios.Select(s => Outage(cluster, s.Name, s.Rate, s.Length, s.Fault, report)).ToList();

        report.Line(string.Empty);
        report.Line($"  {"Log call during the outage, microseconds",-48} {"p50",8} {"p99",8} {"p99.9",8} {"max",10}");
        Percentiles(report, "server up (the same writers before each fault)", outcomes.SelectMany(o => o.Baseline).ToArray());
        foreach (var outcome in outcomes)
        {
            Percentiles(report, $"{outcome.Name}, {outcome.Rate:N0}/s", outcome.DuringOutage);
        }

        var worst = outcomes.Max(o => Percentile(o.DuringOutage, 0.999));
        report.Ratio("worst p99.9 of Log during an outage / 1 ms", worst / 1000.0, "< 1", worst < 1000.0);
        var lost = outcomes.Sum(o => o.Lost);
        report.Ratio("rows lost over all outages (after pushing the spill folder)", lost, "0", lost == 0);

        report.Line(string.Empty);
        report.Line($"  SIGKILL while logging {KillRate:N0} rows/s, {Kills} kills per store at random moments: how long before the kill the last surviving row was logged");
        report.Line($"  {"store",-48} {"median ms",10} {"max ms",8} {"rows (median)",14} {"gapless",8}");
        Kill(report, "folder store", KillFolder);
        var postgres = Enumerable.Range(0, Kills).Select(_ => KillPostgres(cluster)).ToList();
        Summarize(report, "PostgreSQL store, the database alone", postgres.Select(p => p.Database).ToList());
        Summarize(report, "PostgreSQL store, after pushing the spill folder", postgres.Select(p => p.Pushed).ToList());
    }

    private static void StopFor(PrivateCluster cluster, string mode, TimeSpan length)
    {
        cluster.Stop(mode);
        Thread.Sleep(length);
        cluster.Start();
    }

    private static OutageOutcome Outage(PrivateCluster cluster, string name, int rate, TimeSpan length, Action fault, BenchmarkReport report)
    {
        var connection = NewSchema(cluster);
        var folder = BenchmarkReport.TempDirectory("reliability");
        var output = new TimedOutput();
        var store = new PostgresRunStore(PostgresConnectionInfo.Parse(connection, "WANDB_STORE"), folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance, PostgresStoreOptions.Default);
        var group = "outage-" + Guid.NewGuid().ToString("N").Substring(0, 6);
        var runs = Enumerable.Range(0, Writers)
            .Select(_ => new PacedLogger(Wandb.Run.Init(new RunOptions { Group = group, Dir = folder }, Context(folder, output), store), rate, Before + length + After + TimeSpan.FromSeconds(30)))
            .ToList();

        Thread.Sleep(Before);
        var faultAt = runs.Select(r => r.Logged).ToList();
        fault();
        var back = output.Now;
        Thread.Sleep(After);
        runs.ForEach(r => r.Stop());
        var finish = Stopwatch.StartNew();
        Parallel.ForEach(runs, r => r.Run.Finish());
        var finishSeconds = finish.Elapsed.TotalSeconds;

        // Each writer warns once when it meets the outage (WANDB001) and once when it has sent what it kept meanwhile (WANDB007).
        var warnings = output.Warnings;
        var recovered = warnings.Where(w => w.Code == "WANDB007").ToList();
        var caughtUp = recovered.Count == 0 || recovered.Count < warnings.Count(w => w.Code == "WANDB001")
            ? "at Finish"
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (recovered.Max(w => w.At) - back).TotalSeconds):0.0} s");

        var logged = runs.Sum(r => r.Logged);
        var inDatabase = cluster.Scalar(connection, "SELECT count(*) FROM wandb_history");
        long leftInSpill = 0;
        if (warnings.Any(w => w.Code == "WANDB071"))
        {
            var pushed = new RecordingOutput();
            using var destination = new PostgresMergeDestination(new PostgresRunStore(PostgresConnectionInfo.Parse(connection, "WANDB_STORE"), folder, PhysicalStoreFileSystem.Instance, pushed, SystemClock.Instance, PostgresStoreOptions.Default));
            leftInSpill = StoreMerger.Merge(new[] { folder }, destination, pushed).RowsAdded;
        }

        var gapless = runs.All(r => cluster.Scalar(connection, $"SELECT count(DISTINCT step) FROM wandb_history WHERE run_id = '{r.Run.Id}'") == r.Logged
            && cluster.Scalar(connection, $"SELECT coalesce(max(step), -1) FROM wandb_history WHERE run_id = '{r.Run.Id}'") == r.Logged - 1);
        var lost = logged - cluster.Scalar(connection, "SELECT count(*) FROM wandb_history");
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} {$"{rate:N0} x {Writers}",16} {logged,11:N0} {inDatabase,12:N0} {leftInSpill,14:N0} {lost,6:N0} {caughtUp,10} {finishSeconds,5:0.0} s{(gapless ? string.Empty : "  (steps missing or twice!)")}"));

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return new OutageOutcome(
            name,
            rate,
            gapless ? lost : Math.Max(lost, 1),
            runs.SelectMany((r, i) => r.Latencies(0, faultAt[i])).ToArray(),
            runs.SelectMany((r, i) => r.Latencies(faultAt[i], r.Logged)).ToArray());
    }

    private static KillOutcome KillFolder()
    {
        var folder = BenchmarkReport.TempDirectory("reliability-kill");
        try
        {
            var killedAt = KillWriter(new Dictionary<string, string> { ["WANDB_DIR"] = folder, ["WANDB_RUN_ID"] = "killed" });
            var rows = new FolderRunStore(folder, PhysicalStoreFileSystem.Instance, new RecordingOutput(), SystemClock.Instance).ReadHistory("killed").ToList();
            return new KillOutcome((killedAt - rows[^1].Timestamp) * 1000, killedAt, rows.Count, rows.Select((r, i) => r.Step == i).All(ok => ok));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (KillOutcome Database, KillOutcome Pushed) KillPostgres(PrivateCluster cluster)
    {
        var connection = NewSchema(cluster);
        var folder = BenchmarkReport.TempDirectory("reliability-kill");
        try
        {
            var killedAt = KillWriter(new Dictionary<string, string> { ["WANDB_STORE"] = connection, ["WANDB_DIR"] = folder, ["WANDB_RUN_ID"] = "killed" });
            var database = Read(cluster, connection, killedAt);
            var output = new RecordingOutput();
            using (var destination = new PostgresMergeDestination(new PostgresRunStore(PostgresConnectionInfo.Parse(connection, "WANDB_STORE"), folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance, PostgresStoreOptions.Default)))
            {
                StoreMerger.Merge(new[] { folder }, destination, output);
            }

            return (database, Read(cluster, connection, killedAt));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static KillOutcome Read(PrivateCluster cluster, string connection, double killedAt)
    {
        var rows = cluster.Scalar(connection, "SELECT count(*) FROM wandb_history WHERE run_id = 'killed'");
        var gapless = cluster.Scalar(connection, "SELECT count(DISTINCT step) FROM wandb_history WHERE run_id = 'killed'") == rows
            && cluster.Scalar(connection, "SELECT coalesce(max(step), -1) FROM wandb_history WHERE run_id = 'killed'") == rows - 1;
        var lastMicroseconds = cluster.Scalar(connection, "SELECT coalesce(max((ts * 1000000)::bigint), 0) FROM wandb_history WHERE run_id = 'killed'");
        return new KillOutcome((killedAt - (lastMicroseconds / 1e6)) * 1000, killedAt, rows, gapless);
    }

    /// <summary>Starts a writer, lets it log for 1 to 3 s, kills it with SIGKILL and returns when (Unix seconds).</summary>
    private static double KillWriter(Dictionary<string, string> environment)
    {
        var process = KilledWriter.Start(KillRate, environment);
        using var killed = new KillOnDispose(process);
        Thread.Sleep(TimeSpan.FromMilliseconds(1_000 + Random.Shared.Next(2_000)));
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        process.Kill();
        process.WaitForExit();
        return killedAt;
    }

    private static void Kill(BenchmarkReport report, string name, Func<KillOutcome> kill) =>
        Summarize(report, name, Enumerable.Range(0, Kills).Select(_ => kill()).ToList());

    private static void Summarize(BenchmarkReport report, string name, IReadOnlyList<KillOutcome> kills)
    {
        var lost = kills.Select(k => k.LostMilliseconds).ToList();
        var rows = BenchmarkReport.Median(kills.Select(k => k.LostMilliseconds * KillRate / 1000).ToList());
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  {name,-48} {BenchmarkReport.Median(lost),10:0} {lost.Max(),8:0} {rows,14:N0} {(kills.All(k => k.Gapless) ? "yes" : "NO"),8}"));
    }

    private static void Percentiles(BenchmarkReport report, string name, float[] microseconds) =>
        report.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  {name,-48} {Percentile(microseconds, 0.5),8:0.0} {Percentile(microseconds, 0.99),8:0.0} {Percentile(microseconds, 0.999),8:0.0} {(microseconds.Length == 0 ? 0 : microseconds.Max()),10:N0}"));

    private static double Percentile(float[] values, double quantile)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];
    }

    private static string NewSchema(PrivateCluster cluster)
    {
        var schema = "reliability_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        cluster.Execute($"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    private static RunContext Context(string folder, TimedOutput output) => RunContext.Default with
    {
        Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DISABLE_GIT"] = "true" }),
        CurrentDirectory = folder,
        Output = output,
    };

    private sealed record OutageOutcome(string Name, int Rate, long Lost, float[] Baseline, float[] DuringOutage);

    private sealed record KillOutcome(double LostMilliseconds, double KilledAt, long Rows, bool Gapless);
}
