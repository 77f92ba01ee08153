using System.Text;
using Npgsql;
using NpgsqlTypes;
using Wandb.Storage.Codec;

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
        AddText(command, "metadata", Utf8.GetString(StoreCodec.Serialize(metadata)));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Replaces a writer's state (its heartbeat, config, summary and end state).</summary>
    public static void UpsertState(NpgsqlConnection connection, NpgsqlTransaction? transaction, string runId, WriterStateFile state) =>
        UpsertState(connection, transaction, runId, state.Writer, state.UpdatedAt, Utf8.GetString(StoreCodec.Serialize(state)));

    /// <summary>Replaces a writer's state given as its JSON.</summary>
    public static void UpsertState(NpgsqlConnection connection, NpgsqlTransaction? transaction, string runId, string writerId, DateTimeOffset updatedAt, string stateJson)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO wandb_writers (run_id, writer, updated_at, state) VALUES (@run, @writer, @updated, @state) " +
            "ON CONFLICT (run_id, writer) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state",
            connection,
            transaction);
        AddText(command, "run", runId);
        AddText(command, "writer", writerId);
        command.Parameters.Add(new NpgsqlParameter("updated", NpgsqlDbType.TimestampTz) { Value = updatedAt.UtcDateTime });
        AddText(command, "state", stateJson);
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts the runs that do not exist yet, in one statement (the ids must be distinct).</summary>
    public static void TryCreateRuns(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<RunMetadataFile> runs)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO wandb_runs (id, project, run_group, job_type, created_at, metadata) " +
            "SELECT * FROM unnest(@id, @project, @grp, @job, @created, @metadata) ON CONFLICT (id) DO NOTHING",
            connection,
            transaction);
        AddTexts(command, "id", runs.Select(r => r.Id));
        AddTexts(command, "project", runs.Select(r => r.Project));
        AddTexts(command, "grp", runs.Select(r => r.Group));
        AddTexts(command, "job", runs.Select(r => r.JobType));
        command.Parameters.Add(new NpgsqlParameter("created", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = runs.Select(r => r.CreatedAt.UtcDateTime).ToArray() });
        AddTexts(command, "metadata", runs.Select(r => Utf8.GetString(StoreCodec.Serialize(r))));
        command.ExecuteNonQuery();
    }

    /// <summary>Replaces writer states in one statement (each run and writer at most once).</summary>
    public static void UpsertStates(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(string RunId, WriterStateFile State)> states)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO wandb_writers (run_id, writer, updated_at, state) SELECT * FROM unnest(@run, @writer, @updated, @state) " +
            "ON CONFLICT (run_id, writer) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state",
            connection,
            transaction);
        AddTexts(command, "run", states.Select(s => s.RunId));
        AddTexts(command, "writer", states.Select(s => s.State.Writer));
        command.Parameters.Add(new NpgsqlParameter("updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = states.Select(s => s.State.UpdatedAt.UtcDateTime).ToArray() });
        AddTexts(command, "state", states.Select(s => Utf8.GetString(StoreCodec.Serialize(s.State))));
        command.ExecuteNonQuery();
    }

    public static RunMetadataFile? ReadMetadata(NpgsqlConnection connection, string runId)
    {
        using var command = new NpgsqlCommand("SELECT metadata FROM wandb_runs WHERE id = @id", connection);
        AddText(command, "id", runId);
        return command.ExecuteScalar() is string json ? StoreCodec.Deserialize<RunMetadataFile>(json) : null;
    }

    public static List<WriterStateFile> ReadStates(NpgsqlConnection connection, string runId)
    {
        using var command = new NpgsqlCommand("SELECT state FROM wandb_writers WHERE run_id = @id ORDER BY writer COLLATE \"C\"", connection);
        AddText(command, "id", runId);
        var states = new List<WriterStateFile>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            states.Add(StoreCodec.Deserialize<WriterStateFile>(reader.GetString(0)));
        }

        return states;
    }

    private static void AddTexts(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });

    public static void AddText(NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
}
