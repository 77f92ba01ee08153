using System.Collections.Concurrent;
using Npgsql;

namespace Wandb.Storage.Postgres;

/// <summary>
/// Creates and migrates the store's tables. Versions are recorded in <c>wandb_schema_version</c>; every
/// migration runs once, under an advisory lock, so many writers starting at once agree on one schema.
/// Tables live in the first schema of the connection's search path (<c>Search Path=</c> in the connection string).
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The schema version this SDK writes.</summary>
    public const int CurrentVersion = 1;

    private static readonly ConcurrentDictionary<string, bool> Migrated = new(StringComparer.Ordinal);

    private static readonly string[] Migrations =
    {
        // Version 1: runs, one row per writing process (its state is the JSON of a folder store's
        // <writer>.state.json), and history lines exactly as the folder store writes them. (writer, seq)
        // makes every row's identity explicit, so a retried or re-pushed batch never duplicates rows. History
        // has no index besides that key: reads find a run's rows through its prefix and sort them, which
        // keeps every insert to one index maintenance.
        """
        CREATE TABLE wandb_runs (
            id          text        PRIMARY KEY,
            project     text        NOT NULL,
            run_group   text        NULL,
            job_type    text        NULL,
            created_at  timestamptz NOT NULL,
            metadata    text        NOT NULL
        );
        CREATE INDEX wandb_runs_project_group ON wandb_runs (project, run_group);
        CREATE TABLE wandb_writers (
            run_id      text        NOT NULL REFERENCES wandb_runs (id) ON DELETE CASCADE,
            writer      text        NOT NULL,
            updated_at  timestamptz NOT NULL,
            state       text        NOT NULL,
            PRIMARY KEY (run_id, writer)
        );
        CREATE TABLE wandb_history (
            run_id      text             NOT NULL,
            writer      text             NOT NULL,
            seq         bigint           NOT NULL,
            step        bigint           NOT NULL,
            ts          double precision NOT NULL,
            line        text             NOT NULL,
            PRIMARY KEY (run_id, writer, seq)
        );
        """,
    };

    /// <summary>Brings the schema to <see cref="CurrentVersion"/> once per process and connection string.</summary>
    /// <exception cref="InvalidOperationException">The database was migrated by a newer SDK.</exception>
    public static void Ensure(NpgsqlConnection connection, PostgresConnectionInfo info)
    {
        if (Migrated.ContainsKey(info.ConnectionString))
        {
            return;
        }

        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ':wandb-schema'))");
            Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS wandb_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            int version;
            using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM wandb_schema_version", connection, transaction))
            {
                version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (version > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL store {info.Location} has schema version {version}, newer than this Wandb.Sdk understands ({CurrentVersion}). Update the Wandb.Sdk package.");
            }

            for (var next = version + 1; next <= CurrentVersion; next++)
            {
                Execute(connection, transaction, Migrations[next - 1]);
                using var record = new NpgsqlCommand("INSERT INTO wandb_schema_version (version) VALUES (@version)", connection, transaction);
                record.Parameters.AddWithValue("version", next);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        Migrated[info.ConnectionString] = true;
    }

    /// <summary>Forgets which databases were migrated, for tests that drop and recreate schemas.</summary>
    public static void ForgetMigrations() => Migrated.Clear();

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
