using System.Diagnostics;
using Npgsql;
using Wandb.Benchmarks.Harness;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Postgres;

namespace Wandb.Benchmarks.Postgres;

/// <summary>
/// Rows per second logged into the PostgreSQL store against the folder store in the same run, with 1 and
/// 8 writers (each writer one run on its own thread, all in one group), from Init to the last Finish.
/// Needs the server build/test.sh starts: <c>source build/services.sh &amp;&amp; ensure_postgres</c>.
/// The target is a floor, not a goal: the folder store appends to local files while every PostgreSQL row
/// crosses a socket and a B-tree, and here the server shares the machine's cores with all 8 writers.
/// </summary>
public sealed class PostgresBenchmark : IBenchmark
{
    private const int Repetitions = 3;
    private const int TotalRows = 200_000;

    public string Name => "postgres";

    public string Description => "rows/s into PostgreSQL vs the folder store, 1 and 8 writers (target: PostgreSQL >= 0.15x folder)";

    public void Run(BenchmarkReport report)
    {
        var server = System.Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            report.Line("  WANDB_TEST_POSTGRES is not set: run `source build/services.sh && ensure_postgres` first (build/test.sh does it).");
            return;
        }

        var schema = "bench_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        Execute(server, $"CREATE SCHEMA {schema}");
        var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        try
        {
            foreach (var writers in new[] { 1, 8 })
            {
                var folder = RowsPerSecond(writers, null);
                var postgres = RowsPerSecond(writers, connection);
                report.Figure($"folder store, {writers} writer(s), median of {Repetitions}", folder, "rows/s");
                report.Figure($"PostgreSQL store, {writers} writer(s), median of {Repetitions}", postgres, "rows/s");
                report.Ratio($"PostgreSQL / folder, {writers} writer(s)", postgres / folder, ">= 0.15", postgres / folder >= 0.15);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    private static double RowsPerSecond(int writers, string? connection)
    {
        var rowsPerWriter = TotalRows / writers;
        var rates = new List<double>();
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var folder = BenchmarkReport.TempDirectory("postgres");
            var group = "bench-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            var watch = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
            {
                using var run = Wandb.Run.Init(new RunOptions { Group = group, Dir = folder }, Context(folder), Store(folder, connection));
                var keys = new Dictionary<string, double> { ["loss"] = 0, ["accuracy"] = 0 };
                for (var i = 0; i < rowsPerWriter; i++)
                {
                    keys["loss"] = 1.0 / (i + 1);
                    keys["accuracy"] = i / (double)rowsPerWriter;
                    run.Log(keys);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            rates.Add(rowsPerWriter * writers / watch.Elapsed.TotalSeconds);
            Directory.Delete(folder, recursive: true);
        }

        return BenchmarkReport.Median(rates);
    }

    private static RunContext Context(string folder) => RunContext.Default with
    {
        Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DISABLE_GIT"] = "true" }),
        CurrentDirectory = folder,
    };

    /// <summary>The PostgreSQL store with the folder as its spill target, or null for the folder store itself.</summary>
    private static RunStore? Store(string folder, string? connection) =>
        connection is null
            ? null
            : new PostgresRunStore(PostgresConnectionInfo.Parse(connection, "WANDB_STORE"), folder, PhysicalStoreFileSystem.Instance, ConsoleOutput.Instance, SystemClock.Instance, PostgresStoreOptions.Default);

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
