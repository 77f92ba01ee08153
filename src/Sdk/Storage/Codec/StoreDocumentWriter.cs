using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Runs;
using Wandb.Storage.Batches;

namespace Wandb.Storage.Codec;

/// <summary>
/// Writes <c>run.json</c> and the writer state files field by field (<see cref="StoreDocumentReader"/> reads them). The reflection-based
/// serializer costs about 70 ms of start-up in a fresh process, which every MSBuild build and test run
/// that tracks a run would pay; these few fields are cheap to handle directly. The output is the same
/// indented JSON the serializer wrote, so the format (docs/store-format.md) does not change. Batch files
/// hold the same two documents, compact, one run per line.
/// </summary>
internal static class StoreDocumentWriter
{
    public static byte[] Write(RunMetadataFile metadata) => WriteDocument(Formatting.Indented, json => WriteMetadata(json, metadata));

    public static byte[] Write(WriterStateFile state) => WriteDocument(Formatting.Indented, json => WriteState(json, state));

    /// <summary>One line of a batch file: <c>{"run":{run.json},"state":{writer state}}</c> on a single line, newline-terminated.</summary>
    public static byte[] WriteBatchLine(RunBatchRecord record) => WriteDocument(Formatting.None, json =>
    {
        json.WriteStartObject();
        json.WritePropertyName(JsonFields.Run);
        WriteMetadata(json, record.Run);
        json.WritePropertyName(JsonFields.State);
        WriteState(json, record.State);
        json.WriteEndObject();
    });

    internal static void WriteMetadata(JsonWriter json, RunMetadataFile metadata)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Schema, metadata.Schema);
        json.WriteProperty(JsonFields.Id, metadata.Id);
        json.WriteProperty(JsonFields.Name, metadata.Name);
        json.WriteProperty(JsonFields.Project, metadata.Project);
        json.WriteProperty(JsonFields.Group, metadata.Group);
        json.WriteProperty(JsonFields.JobType, metadata.JobType);
        json.WriteStringArray(JsonFields.Tags, metadata.Tags ?? new List<string>());
        json.WriteProperty(JsonFields.Notes, metadata.Notes);
        json.WriteProperty(JsonFields.CreatedAt, metadata.CreatedAt);
        json.WritePropertyName(JsonFields.SystemInfo);
        WriteSystem(json, metadata.System ?? new SystemInfo());
        json.WriteEndObject();
    }

    internal static void WriteState(JsonWriter json, WriterStateFile state)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Schema, state.Schema);
        json.WriteProperty(JsonFields.Writer, state.Writer);
        json.WriteProperty(JsonFields.Host, state.Host);
        json.WriteProperty(JsonFields.Pid, state.Pid);
        json.WriteProperty(JsonFields.ProcessStartedAt, state.ProcessStartedAt);
        json.WriteProperty(JsonFields.StartedAt, state.StartedAt);
        json.WriteProperty(JsonFields.UpdatedAt, state.UpdatedAt);
        json.WriteProperty(JsonFields.FinishedAt, state.FinishedAt);
        json.WriteProperty(JsonFields.State, state.State);
        json.WriteProperty(JsonFields.ExitCode, state.ExitCode);
        json.WriteProperty(JsonFields.Rows, state.Rows);
        json.WriteProperty(JsonFields.LastStep, state.LastStep);
        json.WritePlainValue(JsonFields.Config, state.Config ?? new Dictionary<string, object?>());
        json.WritePlainValue(JsonFields.Summary, state.Summary ?? new Dictionary<string, object?>());
        json.WritePropertyName(JsonFields.Last);
        json.WriteStartObject();
        foreach (var pair in state.Last ?? new Dictionary<string, double>())
        {
            json.WriteProperty(pair.Key, pair.Value);
        }

        json.WriteEndObject();
        json.WriteProperty(JsonFields.DroppedRows, state.DroppedRows);
        json.WriteEndObject();
    }

    /// <summary>Where a run was recorded, as run.json holds it; the HTML report's run pages show the same object.</summary>
    internal static void WriteSystem(JsonWriter json, SystemInfo system)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Host, system.Host);
        json.WriteProperty(JsonFields.Os, system.Os);
        json.WriteProperty(JsonFields.DotNet, system.DotNet);
        json.WriteProperty(JsonFields.Pid, system.Pid);
        json.WriteProperty(JsonFields.GitCommit, system.GitCommit);
        json.WriteProperty(JsonFields.GitBranch, system.GitBranch);
        json.WriteProperty(JsonFields.GitDirty, system.GitDirty);
        json.WriteProperty(JsonFields.CiProvider, system.CiProvider);
        json.WriteProperty(JsonFields.CiRunId, system.CiRunId);
        json.WriteEndObject();
    }

    private static byte[] WriteDocument(Formatting formatting, Action<JsonTextWriter> write) => JsonDocumentBytes.Write(formatting, write, newline: true);
}
