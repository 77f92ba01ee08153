using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Wandb.Storage.Postgres;

/// <summary>The SQL for runs and writer states, shared by the store, its writers and merging.</summary>
internal static class PostgresRuns
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Inserts the run unless it exists; true when this call created it.</summary>
    public static bool TryCreateRun(NpgsqlConnection connection, NpgsqlTransaction? transaction, RunMetadataFile metadata)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO wandb_runs (id, project, run_group, job_type, created_at, metadata) VALUES (@id, @project, @grp, @job, @created, @metadata) ON CONFLICT (id) DO NOTHING",
            connection,
            transaction);
        AddText(command, "id", metadata.Id);
        AddText(command, "project", metadata.Project);
        AddText(command, "grp", metadata.Group);
        AddText(command, "job", metadata.JobType);
        command.Parameters.Add(new NpgsqlParameter("created", NpgsqlDbType.TimestampTz) { Value = metadata.CreatedAt.UtcDateTime });
        AddText(command, "metadata", Utf8.GetString(StoreJson.Serialize(metadata)));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Replaces a writer's state (its heartbeat, config, summary and end state).</summary>
    public static void UpsertState(NpgsqlConnection connection, NpgsqlTransaction? transaction, string runId, WriterStateFile state)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO wandb_writers (run_id, writer, updated_at, state) VALUES (@run, @writer, @updated, @state) " +
            "ON CONFLICT (run_id, writer) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state",
            connection,
            transaction);
        AddText(command, "run", runId);
        AddText(command, "writer", state.Writer);
        command.Parameters.Add(new NpgsqlParameter("updated", NpgsqlDbType.TimestampTz) { Value = state.UpdatedAt.UtcDateTime });
        AddText(command, "state", Utf8.GetString(StoreJson.Serialize(state)));
        command.ExecuteNonQuery();
    }

    public static RunMetadataFile? ReadMetadata(NpgsqlConnection connection, string runId)
    {
        using var command = new NpgsqlCommand("SELECT metadata FROM wandb_runs WHERE id = @id", connection);
        AddText(command, "id", runId);
        return command.ExecuteScalar() is string json ? StoreJson.Deserialize<RunMetadataFile>(json) : null;
    }

    public static List<WriterStateFile> ReadStates(NpgsqlConnection connection, string runId)
    {
        using var command = new NpgsqlCommand("SELECT state FROM wandb_writers WHERE run_id = @id ORDER BY writer COLLATE \"C\"", connection);
        AddText(command, "id", runId);
        var states = new List<WriterStateFile>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            states.Add(StoreJson.Deserialize<WriterStateFile>(reader.GetString(0)));
        }

        return states;
    }

    public static void AddText(NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
}
