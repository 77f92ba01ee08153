using Npgsql;

namespace Wandb.Benchmarks.Postgres;

/// <summary>
/// Fills an empty PostgreSQL store with runs server-side (<c>INSERT ... SELECT generate_series</c>), so a million runs
/// and their 100 million history rows take minutes: 100 runs per group, three projects and job types, one run in 20
/// failed, and in the last two groups a few runs still running and a few crashed, so the aggregates also meet the runs
/// only the reader can decide. The running ones are from another host whose clock is a day ahead: a heartbeat
/// stamped now would go stale two minutes later, between two measurements of a large store, and the two would count
/// different states. Each run has one writer whose state
/// has four last values and one explicit summary value, and 100 history lines of the four metrics, each a line as the
/// writer writes it. The history table is made unlogged: the store is thrown away after the benchmark.
/// </summary>
internal static class PostgresStoreGenerator
{
    public const int Steps = 100;
    public const int RunsPerGroup = 100;

    public static void Generate(string connectionString, int runs)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, "ALTER TABLE wandb_history SET UNLOGGED");
        Execute(connection, Runs, runs, 0, runs);
        Execute(connection, Writers, runs, 0, runs);

        // The history lines are most of the work, and one INSERT uses one core: two halves at once.
        var half = runs / 2;
        Parallel.Invoke(
            () => Execute(connectionString, History, runs, 0, half),
            () => Execute(connectionString, History, runs, half, runs));
        Execute(connection, "VACUUM ANALYZE wandb_runs");
        Execute(connection, "VACUUM ANALYZE wandb_writers");
    }

    // Times are spelled as .NET writes a DateTimeOffset (seven fraction digits, +00:00).
    private const string Iso = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"0+00:00\"'";

    private static readonly string Numbered = $"""
        SELECT i, 'run-' || lpad(i::text, 8, '0') AS id, 'project-' || (i % 3) AS project,
               'build-' || lpad((i / {RunsPerGroup})::text, 6, '0') AS grp, (ARRAY['fold', 'eval', 'train'])[1 + i % 3] AS job,
               timestamptz '2026-01-01T00:00:00Z' + i * interval '7 seconds' + (i % 1000) * interval '1 microsecond' AS created,
               CASE WHEN i >= @runs - 2 * {RunsPerGroup} AND i % 97 = 1 AND i % 2 = 0 THEN 'running'
                    WHEN i >= @runs - 2 * {RunsPerGroup} AND i % 97 = 2 THEN 'crashed'
                    WHEN i % 20 = 7 THEN 'failed' ELSE 'finished' END AS kind
        FROM generate_series(@from, @to - 1) i
        """;

    private static readonly string Runs = $"""
        INSERT INTO wandb_runs (id, project, run_group, job_type, created_at, metadata)
        SELECT n.id, n.project, n.grp, n.job, n.created,
          jsonb_build_object('schema', 1, 'id', n.id, 'name', n.id, 'project', n.project, 'group', n.grp, 'job_type', n.job,
            'tags', '[]'::jsonb, 'notes', NULL, 'created_at', to_char(n.created AT TIME ZONE 'UTC', {Iso}),
            'system', jsonb_build_object('host', 'ci-agent-' || (n.i % 7), 'os', 'Linux', 'dotnet', '10.0.0', 'pid', 1000 + n.i % 5000,
              'git_commit', NULL, 'git_branch', NULL, 'git_dirty', NULL, 'ci_provider', NULL, 'ci_run_id', NULL))::text
        FROM ({Numbered}) n
        """;

    private static readonly string LastStep = (Steps - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);


    private static readonly string Writers = $"""
        INSERT INTO wandb_writers (run_id, writer, updated_at, state)
        SELECT n.id, 'writer-' || n.i, n.updated,
          jsonb_build_object('schema', 1, 'writer', 'writer-' || n.i, 'host', 'ci-agent-' || (n.i % 7), 'pid', 1000 + n.i % 5000,
            'process_started_at', to_char(n.created AT TIME ZONE 'UTC', {Iso}), 'started_at', to_char(n.created AT TIME ZONE 'UTC', {Iso}),
            'updated_at', to_char(n.updated AT TIME ZONE 'UTC', {Iso}),
            'finished_at', CASE WHEN n.kind IN ('running', 'crashed') THEN NULL ELSE to_char(n.updated AT TIME ZONE 'UTC', {Iso}) END,
            'state', CASE WHEN n.kind = 'crashed' THEN 'running' ELSE n.kind END,
            'exit_code', CASE n.kind WHEN 'failed' THEN 1 WHEN 'finished' THEN 0 END,
            'rows', {Steps}, 'last_step', {LastStep},
            'config', jsonb_build_object('lr', 0.001 * (1 + n.i % 5), 'fold', n.i % 5, 'optimizer', 'adam'),
            'summary', jsonb_build_object('best_accuracy', (0.5 + (n.i % 997) / 2000.0)::float8),
            'last', jsonb_build_object('loss', {Loss("n.i", LastStep)}, 'accuracy', {Accuracy("n.i", LastStep)}, 'lr', {LearningRate("n.i", LastStep)}, 'grad_norm', {GradNorm("n.i", LastStep)}),
            'dropped_rows', 0)::text
        FROM (SELECT m.*, CASE m.kind WHEN 'running' THEN now() + interval '1 day' WHEN 'crashed' THEN now() - interval '1 hour'
                                      ELSE m.created + interval '90 seconds' END AS updated
              FROM ({Numbered}) m) n
        """;

    private static readonly string History = $"""
        INSERT INTO wandb_history (run_id, writer, seq, step, ts, line)
        SELECT n.id, 'writer-' || n.i, s, s, extract(epoch FROM n.created) + s * 0.5,
               chr(123) || '"_step":' || s || ',"_runtime":' || (s * 0.5)::float8 || ',"_timestamp":' || (extract(epoch FROM n.created) + s * 0.5)::float8
               || ',"loss":' || {Loss("n.i", "s")} || ',"accuracy":' || {Accuracy("n.i", "s")}
               || ',"lr":' || {LearningRate("n.i", "s")} || ',"grad_norm":' || {GradNorm("n.i", "s")} || chr(125)
        FROM ({Numbered}) n CROSS JOIN generate_series(0, {Steps - 1}) s
        """;

    // The metric values of run i at step s, as SQL; the state's last values are those of the last step.
    private static string Loss(string i, string s) => $"(1.0 / (1 + {s} + ({i} % 101)))::float8";

    private static string Accuracy(string i, string s) => $"(0.5 + ({s} * (1 + {i} % 89)) / 20000.0)::float8";

    private static string LearningRate(string i, string s) => $"(0.001 * (1 + {i} % 5) * power(0.99, {s}))::float8";

    private static string GradNorm(string i, string s) => $"((1 + {i} % 113) * 0.037 / (1 + {s}))::float8";

    private static void Execute(string connectionString, string sql, int runs, int from, int to)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, sql, runs, from, to);
    }

    /// <summary>Runs <paramref name="sql"/> for the runs numbered <paramref name="from"/> to <paramref name="to"/> (excluded) of a store of <paramref name="runs"/>.</summary>
    private static void Execute(NpgsqlConnection connection, string sql, int runs = 0, int from = 0, int to = 0)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("runs", runs);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.ExecuteNonQuery();
    }
}
