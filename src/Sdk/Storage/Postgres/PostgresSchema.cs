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
    public const int CurrentVersion = 2;

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

        // Version 2: what the group aggregates need of a writer state, in columns PostgreSQL fills from the state
        // itself whenever a row is written (generated columns), so the aggregate queries read a parsed summary
        // instead of parsing a million JSON texts, no writer (of this SDK or an older one still running) can store
        // columns that disagree with its state, and an existing table is filled by the ALTER TABLE that adds them.
        // The functions return NULL for a state that is not JSON instead of failing: a write must never fail on
        // what only a reader needs, and the reader skips such a state with a warning. flat_summary is the state's
        // last values overlaid with its explicit summary, as one writer's merge gives it, only when SQL can group it
        // as the reader would: no nested value (the reader flattens those to a.b names) and last values that are
        // numbers or the names of non-finite ones.
        """
        CREATE FUNCTION wandb_state_name(state text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            RETURN state::jsonb ->> 'state';
        EXCEPTION WHEN OTHERS THEN
            RETURN NULL;
        END $$;
        CREATE FUNCTION wandb_flat_summary(state text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            parsed jsonb;
            last jsonb;
            merged jsonb;
        BEGIN
            parsed := state::jsonb;
            last := CASE WHEN jsonb_typeof(parsed -> 'last') = 'object' THEN parsed -> 'last' ELSE '{}' END;
            merged := last || CASE WHEN jsonb_typeof(parsed -> 'summary') = 'object' THEN parsed -> 'summary' ELSE '{}' END;
            IF jsonb_path_exists(merged, 'strict $.* ? (@.type() == "object")')
               OR jsonb_path_exists(last, 'strict $.* ? (!(@.type() == "number" || (@.type() == "string" && (@ == "NaN" || @ == "Infinity" || @ == "-Infinity"))))') THEN
                RETURN NULL;
            END IF;
            RETURN merged;
        EXCEPTION WHEN OTHERS THEN
            RETURN NULL;
        END $$;
        ALTER TABLE wandb_writers
            ADD COLUMN state_name text GENERATED ALWAYS AS (wandb_state_name(state)) STORED,
            ADD COLUMN flat_summary jsonb GENERATED ALWAYS AS (wandb_flat_summary(state)) STORED;
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

        Migrate(connection, CurrentVersion, info.Location);
        Migrated[info.ConnectionString] = true;
    }

    /// <summary>Brings the schema to <paramref name="target"/>, running each migration it lacks in one transaction (tests build a database as an older SDK left it with it).</summary>
    /// <exception cref="InvalidOperationException">The database has a version newer than <paramref name="target"/>.</exception>
    public static void Migrate(NpgsqlConnection connection, int target, string location)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ':wandb-schema'))");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS wandb_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        int version;
        using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM wandb_schema_version", connection, transaction) { CommandTimeout = 0 })
        {
            version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (version > target)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL store {location} has schema version {version}, newer than this Wandb.Sdk understands ({target}). Update the Wandb.Sdk package.");
        }

        for (var next = version + 1; next <= target; next++)
        {
            Execute(connection, transaction, Migrations[next - 1]);
            using var record = new NpgsqlCommand("INSERT INTO wandb_schema_version (version) VALUES (@version)", connection, transaction);
            record.Parameters.AddWithValue("version", next);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Forgets which databases were migrated, for tests that drop and recreate schemas.</summary>
    public static void ForgetMigrations() => Migrated.Clear();

    /// <summary>
    /// Runs a schema statement without the connection's command timeout: a migration that filled new columns of a
    /// large table (a minute at a million writer rows on a loaded server) would otherwise be cancelled and retried by
    /// every process that connects, and those waiting for the lock meanwhile would fail instead of going on after it.
    /// </summary>
    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
