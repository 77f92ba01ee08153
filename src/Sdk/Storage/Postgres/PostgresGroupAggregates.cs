using Npgsql;
using NpgsqlTypes;
using Wandb.Grouping.Statistics;

namespace Wandb.Storage.Postgres;

/// <summary>
/// The group aggregates of a PostgreSQL store computed where the runs are. A query (one per share of the groups, see
/// <see cref="Parts"/>) reads each writer's state name and summary from the columns the database fills from the
/// state when it is written (<c>state_name</c>, <c>flat_summary</c>: <see cref="PostgresSchema"/>, version 2), so
/// no state is parsed here; it decides which runs SQL can read alone, groups them by project and group, and returns
/// per group its run counts, states, newest <c>created_at</c> and job types, and per summary metric its finite values
/// with the non-finite and non-numeric counts. The statistics are then computed from those values by
/// <see cref="MetricStatistics.OfFinite"/>, the code reports use (it sums values in sorted order, so their order does
/// not matter): SQL's own avg and stddev sum with another method and would differ in the last bits. The runs are numbered in id order, once, by the window that also
/// counts their writers; the values come with those numbers, already in that order as the hash grouping keeps its
/// input's, and are put in it here should a plan not keep it (sorting the metric values themselves by group, metric
/// and run id cost about a third of the query). A run SQL cannot decide alone makes its whole group
/// <see cref="SqlGroupAggregate.NeedsRuns"/>; see <see cref="Sql"/>.
/// </summary>
internal static class PostgresGroupAggregates
{
    /// <summary>
    /// A run is decided in SQL when it has exactly one writer, that writer ended (finished, failed or killed: a running
    /// writer's liveness needs the clock and this host's processes, and a crashed one's summary needs the history past
    /// its state), and its summary is flat (<c>flat_summary</c> is not null: a nested value is flattened to <c>a.b</c>
    /// names by the reader, whose order of keys decides collisions that SQL could only guess, and a state that is not
    /// JSON is the reader's to skip with a warning). Text is grouped and ordered with the "C" collation, so by the
    /// same bytes as ordinal order in .NET.
    /// </summary>
    private const string Sql = """
        WITH runs AS MATERIALIZED (
            SELECT j.*, COALESCE(j.writers = 1 AND j.st IN ('finished', 'failed', 'killed') AND j.merged IS NOT NULL, false) AS decided
            FROM (
                SELECT r.id COLLATE "C" AS id, r.project COLLATE "C" AS project, r.run_group COLLATE "C" AS run_group,
                       r.job_type COLLATE "C" AS job_type, r.created_at, w.state_name AS st, w.flat_summary AS merged, w.updated_at AS updated,
                       CASE WHEN @activity THEN r.metadata::jsonb #>> '{system,git_branch}' END AS branch,
                       count(*) OVER (PARTITION BY r.id COLLATE "C") AS writers, row_number() OVER (ORDER BY r.id COLLATE "C") AS ordinal
                FROM wandb_runs r
                LEFT JOIN wandb_writers w ON w.run_id = r.id
                WHERE (@project::text IS NULL OR r.project = @project)
                  AND (@grp::text IS NULL OR r.run_group = @grp)
                  AND (@job::text IS NULL OR r.job_type = @job)
                  AND (hashtext(r.project || chr(31) || coalesce(r.run_group, '')) & 2147483647) % @parts = @part) j
        ),
        chosen AS NOT MATERIALIZED (
            SELECT * FROM runs WHERE @state::text IS NULL OR NOT decided OR st = @state
        ),
        leaves AS (
            SELECT chosen.ordinal, chosen.project, chosen.run_group, e.key COLLATE "C" AS key,
                   CASE WHEN jsonb_typeof(e.value) = 'number' THEN e.value::float8 END AS x,
                   CASE jsonb_typeof(e.value) WHEN 'number' THEN 0 WHEN 'null' THEN 0
                        WHEN 'string' THEN CASE WHEN e.value #>> '{}' IN ('NaN', 'Infinity', '-Infinity') THEN 1 ELSE 2 END
                        ELSE 2 END AS kind
            FROM chosen CROSS JOIN LATERAL jsonb_each(chosen.merged) e
            WHERE chosen.decided AND NOT @activity
        )
        SELECT project, run_group, NULL AS key,
            count(*) FILTER (WHERE decided) AS runs,
            count(*) FILTER (WHERE NOT decided) AS undecided,
            count(*) FILTER (WHERE decided AND st = 'finished') AS finished,
            count(*) FILTER (WHERE decided AND st = 'failed') AS failed,
            count(*) FILTER (WHERE decided AND st = 'killed') AS killed,
            max(created_at) FILTER (WHERE decided) AS newest,
            array_agg(DISTINCT job_type) FILTER (WHERE decided AND job_type IS NOT NULL) AS job_types,
            NULL::float8[] AS finite, NULL::bigint[] AS ordinals, 0::bigint AS non_finite, 0::bigint AS non_numeric,
            array_agg(id) FILTER (WHERE decided AND created_at = group_newest) AS newest_ids,
            bool_or(job_type IS NULL) FILTER (WHERE decided) AS without_job_type,
            max(greatest(created_at, updated)) FILTER (WHERE decided AND @activity) AS last_active,
            array_agg(DISTINCT branch) FILTER (WHERE decided AND branch IS NOT NULL) AS branches
        FROM (SELECT chosen.*, max(created_at) FILTER (WHERE decided) OVER (PARTITION BY project, run_group) AS group_newest FROM chosen) c
        GROUP BY project, run_group
        UNION ALL
        SELECT project, run_group, key, 0, 0, 0, 0, 0, NULL, NULL,
            array_agg(x) FILTER (WHERE x IS NOT NULL),
            array_agg(ordinal) FILTER (WHERE x IS NOT NULL),
            count(*) FILTER (WHERE kind = 1),
            count(*) FILTER (WHERE kind = 2),
            NULL, NULL, NULL::timestamptz, NULL::text[]
        FROM leaves
        GROUP BY project, run_group, key
        """;

    /// <summary>
    /// How many queries compute the aggregates side by side, each on its own connection and so its own server process,
    /// over a share of the groups: one query uses one core of the server, and parsing a million states is most of it.
    /// </summary>
    public const int Parts = 4;

    /// <summary>
    /// The groups of the runs <paramref name="filter"/> selects in share <paramref name="part"/> of <paramref name="parts"/>
    /// (by a hash of project and group), as far as SQL decides them; with <paramref name="activity"/>, each group's
    /// activity (latest <c>created_at</c> or writer <c>updated_at</c>, the git branches of its runs' metadata) instead
    /// of its metric statistics: what retention judges groups by.
    /// </summary>
    public static List<SqlGroupAggregate> Query(NpgsqlConnection connection, RunFilter filter, int part = 0, int parts = 1, bool activity = false)
    {
        using var transaction = connection.BeginTransaction();

        // For this transaction only: the sorts and hash tables behind the grouping stay in memory up to this size
        // instead of spilling to disk (the server's memory; the reporting process holds none of it); no JIT
        // compilation, which the query's cost would trigger but which only slowed it (a probe of 100,000 runs:
        // 3.6-6.7 s without, 4.7-7.1 s with); and sorts only where they cannot be avoided (the windows): the planner,
        // which cannot see how many metric values the summaries hold, sorted a million runs' values for the grouping
        // where hashing them was faster (a share of 1,000,000 runs: 8.1 s instead of 9.3 s).
        using (var settings = new NpgsqlCommand("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off; SET LOCAL enable_sort = off", connection, transaction))
        {
            settings.ExecuteNonQuery();
        }

        var groups = new Dictionary<(string Project, string? Group), SqlGroupAggregate>();
        using (var command = new NpgsqlCommand(Sql, connection, transaction))
        {
            command.CommandTimeout = 0;
            PostgresRuns.AddText(command, "project", filter.Project);
            PostgresRuns.AddText(command, "grp", filter.Group);
            PostgresRuns.AddText(command, "job", filter.JobType);
            PostgresRuns.AddText(command, "state", filter.State?.ToName());
            command.Parameters.AddWithValue("activity", activity);
            command.Parameters.AddWithValue("part", part);
            command.Parameters.AddWithValue("parts", parts);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new SqlGroupAggregate(key.Item1, key.Item2);
                    groups[key] = group;
                }

                if (reader.IsDBNull(2))
                {
                    ReadRunCounts(reader, group);
                }
                else
                {
                    ReadMetric(reader, group);
                }
            }
        }

        transaction.Commit();
        return groups.Values.ToList();
    }

    /// <summary>Runs of the given groups (each a project and a group, null for the project's runs without one), as <c>(id, metadata, state)</c> rows ordered by run and writer.</summary>
    public static NpgsqlCommand RunsOfGroups(NpgsqlConnection connection, IReadOnlyList<SqlGroupAggregate> groups, RunFilter filter) =>
        RunsOfGroups(connection, groups.Select(g => g.Project).ToArray(), groups.Select(g => g.Group).ToArray(), filter);

    /// <summary>
    /// Runs of the groups <c>(projects[i], groups[i])</c>, as <c>(id, metadata, state)</c> rows ordered by run and writer.
    /// Named groups are joined by equality and the runs without a group apart: one join on <c>IS NOT DISTINCT FROM</c>
    /// can use neither the (project, run_group) index nor a hash, and compared 600 groups with each of a million runs
    /// for minutes.
    /// </summary>
    public static NpgsqlCommand RunsOfGroups(NpgsqlConnection connection, string[] projects, string?[] groups, RunFilter filter)
    {
        var command = new NpgsqlCommand(
            "WITH g AS (SELECT * FROM unnest(@projects, @groups) AS g(project, grp)), " +
            "chosen AS (" +
            "SELECT r.* FROM g JOIN wandb_runs r ON r.project = g.project AND r.run_group = g.grp " +
            "UNION ALL " +
            "SELECT r.* FROM (SELECT DISTINCT project FROM g WHERE grp IS NULL) n JOIN wandb_runs r ON r.project = n.project AND r.run_group IS NULL) " +
            "SELECT r.id, r.metadata, w.state FROM chosen r LEFT JOIN wandb_writers w ON w.run_id = r.id " +
            "WHERE (@job::text IS NULL OR r.job_type = @job) " +
            "ORDER BY r.id COLLATE \"C\", w.writer COLLATE \"C\"",
            connection);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter("projects", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = projects });
        command.Parameters.Add(new NpgsqlParameter("groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = groups });
        PostgresRuns.AddText(command, "job", filter.JobType);
        return command;
    }

    /// <summary>
    /// The runs of the decided groups whose <c>created_at</c> is their group's newest, so the exact time is read from
    /// run.json (the column keeps microseconds, run.json ticks), by id: their ids came with the groups.
    /// </summary>
    public static NpgsqlCommand NewestOfGroups(NpgsqlConnection connection, IReadOnlyList<SqlGroupAggregate> groups)
    {
        var command = new NpgsqlCommand(
            "SELECT r.id, r.metadata, w.state FROM wandb_runs r LEFT JOIN wandb_writers w ON w.run_id = r.id WHERE r.id = ANY(@ids) ORDER BY r.id COLLATE \"C\", w.writer COLLATE \"C\"",
            connection);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = groups.SelectMany(g => g.NewestIds).ToArray() });
        return command;
    }

    private static void ReadRunCounts(NpgsqlDataReader reader, SqlGroupAggregate group)
    {
        group.Runs = checked((int)reader.GetInt64(3));
        group.NeedsRuns = reader.GetInt64(4) > 0;
        AddState(group, RunState.Finished, reader.GetInt64(5));
        AddState(group, RunState.Failed, reader.GetInt64(6));
        AddState(group, RunState.Killed, reader.GetInt64(7));
        if (!reader.IsDBNull(8))
        {
            group.NewestColumn = reader.GetFieldValue<DateTime>(8);
        }

        if (!reader.IsDBNull(14))
        {
            group.NewestIds = reader.GetFieldValue<string[]>(14);
        }

        group.AnyWithoutJobType = !reader.IsDBNull(15) && reader.GetBoolean(15);
        if (!reader.IsDBNull(9))
        {
            var jobTypes = reader.GetFieldValue<string[]>(9);
            Array.Sort(jobTypes, StringComparer.Ordinal);
            group.JobTypes = jobTypes;
        }

        if (!reader.IsDBNull(16))
        {
            group.LastActiveColumn = reader.GetFieldValue<DateTime>(16);
            var branches = reader.IsDBNull(17) ? Array.Empty<string>() : reader.GetFieldValue<string[]>(17);
            Array.Sort(branches, StringComparer.Ordinal);
            group.Branches = branches;
        }
    }

    private static void ReadMetric(NpgsqlDataReader reader, SqlGroupAggregate group)
    {
        var finite = reader.IsDBNull(10) ? Array.Empty<double>() : reader.GetFieldValue<double[]>(10);
        var nonFinite = checked((int)reader.GetInt64(12));
        var nonNumeric = checked((int)reader.GetInt64(13));
        if (finite.Length > 1)
        {
            InRunOrder(finite, reader.GetFieldValue<long[]>(11));
        }

        // As SummaryStatistics: a metric no run has a number for (only text, or only nulls) has no statistics.
        if (finite.Length + nonFinite > 0)
        {
            group.Metrics[reader.GetString(2)] = MetricStatistics.OfFinite(finite, finite.Length, nonFinite, nonNumeric);
        }
    }

    /// <summary>
    /// Puts the values in the order of their runs' ids (<paramref name="ordinals"/>), the order reports add them in.
    /// The query's hash grouping keeps the id order its runs come in, so this only checks, unless a plan changes it.
    /// </summary>
    private static void InRunOrder(double[] values, long[] ordinals)
    {
        for (var i = 1; i < ordinals.Length; i++)
        {
            if (ordinals[i] < ordinals[i - 1])
            {
                Array.Sort(ordinals, values);
                return;
            }
        }
    }

    private static void AddState(SqlGroupAggregate group, RunState state, long count)
    {
        if (count > 0)
        {
            group.States[state] = checked((int)count);
        }
    }
}
