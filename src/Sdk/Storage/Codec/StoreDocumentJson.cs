using System.Globalization;
using System.Text;
using Newtonsoft.Json;
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
internal static class StoreDocumentJson
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] Write(RunMetadataFile metadata) => WriteDocument(json => WriteMetadata(json, metadata));

    public static byte[] Write(WriterStateFile state) => WriteDocument(json => WriteState(json, state));

    /// <summary>One line of a batch file: <c>{"run":{run.json},"state":{writer state}}</c> on a single line, newline-terminated.</summary>
    public static byte[] WriteBatchLine(RunBatchRecord record)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = CreateWriter(text, Formatting.None))
        {
            json.WriteStartObject();
            json.WritePropertyName("run");
            WriteMetadata(json, record.Run);
            json.WritePropertyName("state");
            WriteState(json, record.State);
            json.WriteEndObject();
        }

        return Utf8.GetBytes(text + "\n");
    }

    private static void WriteMetadata(JsonWriter json, RunMetadataFile metadata)
    {
        json.WriteStartObject();
        json.WriteProperty("schema", metadata.Schema);
        json.WriteProperty("id", metadata.Id);
        json.WriteProperty("name", metadata.Name);
        json.WriteProperty("project", metadata.Project);
        json.WriteProperty("group", metadata.Group);
        json.WriteProperty("job_type", metadata.JobType);
        json.WriteStringArray("tags", metadata.Tags ?? new List<string>());
        json.WriteProperty("notes", metadata.Notes);
        json.WritePropertyName("created_at");
        json.WriteValue(metadata.CreatedAt);
        json.WritePropertyName("system");
        WriteSystem(json, metadata.System ?? new SystemInfo());
        json.WriteEndObject();
    }

    private static void WriteState(JsonWriter json, WriterStateFile state)
    {
        json.WriteStartObject();
        json.WriteProperty("schema", state.Schema);
        json.WriteProperty("writer", state.Writer);
        json.WriteProperty("host", state.Host);
        json.WriteProperty("pid", state.Pid);
        json.WritePropertyName("process_started_at");
        json.WriteValue(state.ProcessStartedAt);
        json.WritePropertyName("started_at");
        json.WriteValue(state.StartedAt);
        json.WritePropertyName("updated_at");
        json.WriteValue(state.UpdatedAt);
        json.WritePropertyName("finished_at");
        json.WriteValue(state.FinishedAt);
        json.WriteProperty("state", state.State);
        json.WritePropertyName("exit_code");
        json.WriteValue(state.ExitCode);
        json.WritePropertyName("rows");
        json.WriteValue(state.Rows);
        json.WritePropertyName("last_step");
        json.WriteValue(state.LastStep);
        json.WritePropertyName("config");
        PlainJsonWriter.Write(json, state.Config ?? new Dictionary<string, object?>());
        json.WritePropertyName("summary");
        PlainJsonWriter.Write(json, state.Summary ?? new Dictionary<string, object?>());
        json.WritePropertyName("last");
        json.WriteStartObject();
        foreach (var pair in state.Last ?? new Dictionary<string, double>())
        {
            json.WritePropertyName(pair.Key);
            json.WriteValue(pair.Value);
        }

        json.WriteEndObject();
        json.WritePropertyName("dropped_rows");
        json.WriteValue(state.DroppedRows);
        json.WriteEndObject();
    }

    private static void WriteSystem(JsonWriter json, SystemInfo system)
    {
        json.WriteStartObject();
        json.WriteProperty("host", system.Host);
        json.WriteProperty("os", system.Os);
        json.WriteProperty("dotnet", system.DotNet);
        json.WriteProperty("pid", system.Pid);
        json.WriteProperty("git_commit", system.GitCommit);
        json.WriteProperty("git_branch", system.GitBranch);
        json.WritePropertyName("git_dirty");
        json.WriteValue(system.GitDirty);
        json.WriteProperty("ci_provider", system.CiProvider);
        json.WriteProperty("ci_run_id", system.CiRunId);
        json.WriteEndObject();
    }

    private static byte[] WriteDocument(Action<JsonTextWriter> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = CreateWriter(text, Formatting.Indented))
        {
            write(json);
        }

        return Utf8.GetBytes(text + "\n");
    }

    private static JsonTextWriter CreateWriter(TextWriter text, Formatting formatting) => new(text)
    {
        Formatting = formatting,
        FloatFormatHandling = FloatFormatHandling.String,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        Culture = CultureInfo.InvariantCulture,
    };
}
