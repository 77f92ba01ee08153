using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Runs;
using Wandb.Storage.Batches;

namespace Wandb.Storage;

/// <summary>
/// Writes and reads <c>run.json</c> and the writer state files field by field. The reflection-based
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

    /// <summary>Reads a line written by <see cref="WriteBatchLine"/>.</summary>
    /// <exception cref="JsonException">The line is not a complete batch record (for example a torn last line).</exception>
    public static RunBatchRecord ReadBatchLine(string line)
    {
        var root = Parse(line);
        if (root["run"] is not JObject run || root["state"] is not JObject state)
        {
            throw new JsonSerializationException("The line has no \"run\" and \"state\" objects.");
        }

        return new RunBatchRecord(ReadMetadata(run), ReadState(state));
    }

    public static RunMetadataFile ReadMetadata(string text) => ReadMetadata(Parse(text));

    public static WriterStateFile ReadState(string text) => ReadState(Parse(text));

    private static void WriteMetadata(JsonWriter json, RunMetadataFile metadata)
    {
        json.WriteStartObject();
        Property(json, "schema", metadata.Schema);
        Property(json, "id", metadata.Id);
        Property(json, "name", metadata.Name);
        Property(json, "project", metadata.Project);
        Property(json, "group", metadata.Group);
        Property(json, "job_type", metadata.JobType);
        json.WritePropertyName("tags");
        json.WriteStartArray();
        foreach (var tag in metadata.Tags ?? new List<string>())
        {
            json.WriteValue(tag);
        }

        json.WriteEndArray();
        Property(json, "notes", metadata.Notes);
        json.WritePropertyName("created_at");
        json.WriteValue(metadata.CreatedAt);
        json.WritePropertyName("system");
        WriteSystem(json, metadata.System ?? new SystemInfo());
        json.WriteEndObject();
    }

    private static void WriteState(JsonWriter json, WriterStateFile state)
    {
        json.WriteStartObject();
        Property(json, "schema", state.Schema);
        Property(json, "writer", state.Writer);
        Property(json, "host", state.Host);
        Property(json, "pid", state.Pid);
        json.WritePropertyName("process_started_at");
        json.WriteValue(state.ProcessStartedAt);
        json.WritePropertyName("started_at");
        json.WriteValue(state.StartedAt);
        json.WritePropertyName("updated_at");
        json.WriteValue(state.UpdatedAt);
        json.WritePropertyName("finished_at");
        json.WriteValue(state.FinishedAt);
        Property(json, "state", state.State);
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

    private static RunMetadataFile ReadMetadata(JObject root)
    {
        var system = root["system"] as JObject;
        return new RunMetadataFile
        {
            Schema = Int(root, "schema") ?? StoreLayout.FormatVersion,
            Id = Text(root, "id") ?? string.Empty,
            Name = Text(root, "name") ?? string.Empty,
            Project = Text(root, "project") ?? string.Empty,
            Group = Text(root, "group"),
            JobType = Text(root, "job_type"),
            Tags = root["tags"] is JArray tags ? tags.Select(t => t.Type == JTokenType.Null ? string.Empty : (string)t!).ToList() : new List<string>(),
            Notes = Text(root, "notes"),
            CreatedAt = Date(root, "created_at") ?? default,
            System = system is null ? new SystemInfo() : new SystemInfo
            {
                Host = Text(system, "host"),
                Os = Text(system, "os"),
                DotNet = Text(system, "dotnet"),
                Pid = Int(system, "pid") ?? 0,
                GitCommit = Text(system, "git_commit"),
                GitBranch = Text(system, "git_branch"),
                GitDirty = system["git_dirty"] is JValue { Type: JTokenType.Boolean } dirty ? (bool)dirty : null,
                CiProvider = Text(system, "ci_provider"),
                CiRunId = Text(system, "ci_run_id"),
            },
        };
    }

    private static WriterStateFile ReadState(JObject root)
    {
        var state = new WriterStateFile
        {
            Schema = Int(root, "schema") ?? StoreLayout.FormatVersion,
            Writer = Text(root, "writer") ?? string.Empty,
            Host = Text(root, "host"),
            Pid = Int(root, "pid") ?? 0,
            ProcessStartedAt = Date(root, "process_started_at"),
            StartedAt = Date(root, "started_at") ?? default,
            UpdatedAt = Date(root, "updated_at") ?? default,
            FinishedAt = Date(root, "finished_at"),
            State = Text(root, "state") ?? "running",
            ExitCode = Int(root, "exit_code"),
            Rows = Long(root, "rows") ?? 0,
            LastStep = Long(root, "last_step"),
            Config = PlainObject(root["config"]),
            Summary = PlainObject(root["summary"]),
            DroppedRows = Long(root, "dropped_rows") ?? 0,
        };

        if (root["last"] is JObject last)
        {
            foreach (var property in last.Properties())
            {
                if (StoreJson.ToPlain(property.Value) is { } value && (value is double or long))
                {
                    state.Last[property.Name] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                }
            }
        }

        return state;
    }

    private static void WriteSystem(JsonWriter json, SystemInfo system)
    {
        json.WriteStartObject();
        Property(json, "host", system.Host);
        Property(json, "os", system.Os);
        Property(json, "dotnet", system.DotNet);
        Property(json, "pid", system.Pid);
        Property(json, "git_commit", system.GitCommit);
        Property(json, "git_branch", system.GitBranch);
        json.WritePropertyName("git_dirty");
        json.WriteValue(system.GitDirty);
        Property(json, "ci_provider", system.CiProvider);
        Property(json, "ci_run_id", system.CiRunId);
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

    private static void Property(JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void Property(JsonWriter json, string name, int value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static JObject Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        return JToken.ReadFrom(reader) as JObject ?? throw new JsonSerializationException("The file holds no JSON object.");
    }

    private static Dictionary<string, object?> PlainObject(JToken? token) =>
        token is JObject obj ? (Dictionary<string, object?>)StoreJson.ToPlain(obj)! : new Dictionary<string, object?>(StringComparer.Ordinal);

    private static string? Text(JObject o, string name) => o[name] is JValue { Type: JTokenType.String } v ? (string?)v : null;

    private static long? Long(JObject o, string name) => o[name] is JValue { Type: JTokenType.Integer or JTokenType.Float } v ? Convert.ToInt64(v.Value, CultureInfo.InvariantCulture) : null;

    private static int? Int(JObject o, string name) => Long(o, name) is { } l ? (int)l : null;

    private static DateTimeOffset? Date(JObject o, string name) =>
        Text(o, name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
}
