using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Runs;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Codec;

/// <summary>
/// Reads <c>run.json</c>, writer states and batch lines token by token. Building a JSON object tree first
/// cost three times as much, and far more in a fresh process where that code is not yet optimised: listing
/// a store of 16,000 test runs is 16,000 batch lines. Unknown fields are skipped, so newer files still read.
/// A value of the wrong type reads as absent, as a missing field does.
/// </summary>
internal static class StoreDocumentReader
{
    public static RunMetadataFile ReadMetadata(string text) => Read(text, ReadMetadata);

    public static WriterStateFile ReadState(string text) => Read(text, ReadState);

    /// <exception cref="JsonException">The line is not a complete batch record (for example a torn last line).</exception>
    public static RunBatchRecord ReadBatchLine(string line) => Read(line, reader =>
    {
        RunMetadataFile? run = null;
        WriterStateFile? state = null;
        while (NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Run when reader.TokenType == JsonToken.StartObject:
                    run = ReadMetadata(reader);
                    break;
                case JsonFields.State when reader.TokenType == JsonToken.StartObject:
                    state = ReadState(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return run is not null && state is not null
            ? new RunBatchRecord(run, state)
            : throw new JsonSerializationException("The line has no \"run\" and \"state\" objects.");
    });

    internal static T Read<T>(string text, Func<JsonTextReader, T> read)
    {
        using var reader = JsonConventions.CreateReader(text);
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonSerializationException("The file holds no JSON object.");
        }

        return read(reader);
    }

    internal static RunMetadataFile ReadMetadata(JsonTextReader reader)
    {
        var metadata = new RunMetadataFile();
        while (NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Schema: metadata.Schema = (int?)Long(reader) ?? StoreLayout.FormatVersion; break;
                case JsonFields.Id: metadata.Id = Text(reader) ?? string.Empty; break;
                case JsonFields.Name: metadata.Name = Text(reader) ?? string.Empty; break;
                case JsonFields.Project: metadata.Project = Text(reader) ?? string.Empty; break;
                case JsonFields.Group: metadata.Group = Text(reader); break;
                case JsonFields.JobType: metadata.JobType = Text(reader); break;
                case JsonFields.Tags: metadata.Tags = Tags(reader); break;
                case JsonFields.Notes: metadata.Notes = Text(reader); break;
                case JsonFields.CreatedAt: metadata.CreatedAt = Date(reader) ?? default; break;
                case JsonFields.SystemInfo when reader.TokenType == JsonToken.StartObject: metadata.System = ReadSystem(reader); break;
                default: reader.Skip(); break;
            }
        }

        return metadata;
    }

    private static SystemInfo ReadSystem(JsonTextReader reader)
    {
        var system = new SystemInfo();
        while (NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Host: system.Host = Text(reader); break;
                case JsonFields.Os: system.Os = Text(reader); break;
                case JsonFields.DotNet: system.DotNet = Text(reader); break;
                case JsonFields.Pid: system.Pid = (int?)Long(reader) ?? 0; break;
                case JsonFields.GitCommit: system.GitCommit = Text(reader); break;
                case JsonFields.GitBranch: system.GitBranch = Text(reader); break;
                case JsonFields.GitDirty: system.GitDirty = reader.TokenType == JsonToken.Boolean ? (bool)reader.Value! : Skipped<bool?>(reader); break;
                case JsonFields.CiProvider: system.CiProvider = Text(reader); break;
                case JsonFields.CiRunId: system.CiRunId = Text(reader); break;
                default: reader.Skip(); break;
            }
        }

        return system;
    }

    internal static WriterStateFile ReadState(JsonTextReader reader)
    {
        var state = new WriterStateFile();
        while (NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Schema: state.Schema = (int?)Long(reader) ?? StoreLayout.FormatVersion; break;
                case JsonFields.Writer: state.Writer = Text(reader) ?? string.Empty; break;
                case JsonFields.Host: state.Host = Text(reader); break;
                case JsonFields.Pid: state.Pid = (int?)Long(reader) ?? 0; break;
                case JsonFields.ProcessStartedAt: state.ProcessStartedAt = Date(reader); break;
                case JsonFields.StartedAt: state.StartedAt = Date(reader) ?? default; break;
                case JsonFields.UpdatedAt: state.UpdatedAt = Date(reader) ?? default; break;
                case JsonFields.FinishedAt: state.FinishedAt = Date(reader); break;
                case JsonFields.State: state.State = Text(reader) ?? "running"; break;
                case JsonFields.ExitCode: state.ExitCode = (int?)Long(reader); break;
                case JsonFields.Rows: state.Rows = Long(reader) ?? 0; break;
                case JsonFields.LastStep: state.LastStep = Long(reader); break;
                case JsonFields.Config: state.Config = PlainObject(reader); break;
                case JsonFields.Summary: state.Summary = PlainObject(reader); break;
                case JsonFields.Last: ReadLast(reader, state.Last); break;
                case JsonFields.DroppedRows: state.DroppedRows = Long(reader) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        return state;
    }

    private static void ReadLast(JsonTextReader reader, Dictionary<string, double> last)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            reader.Skip();
            return;
        }

        while (NextProperty(reader) is { } name)
        {
            if (Plain(reader) is { } value && (value is double or long))
            {
                last[name] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Moves to the next property's value and returns its name; null at the end of the object.</summary>
    internal static string? NextProperty(JsonTextReader reader)
    {
        Next(reader);
        if (reader.TokenType == JsonToken.EndObject)
        {
            return null;
        }

        if (reader.TokenType != JsonToken.PropertyName)
        {
            throw new JsonSerializationException($"Expected a property name at {reader.Path}, found {reader.TokenType}.");
        }

        var name = (string)reader.Value!;
        Next(reader);
        return name;
    }

    private static void Next(JsonTextReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonSerializationException("The JSON ends before the object does (a torn write?).");
        }
    }

    private static string? Text(JsonTextReader reader) => reader.TokenType == JsonToken.String ? (string)reader.Value! : Skipped<string?>(reader);

    private static long? Long(JsonTextReader reader) => reader.TokenType is JsonToken.Integer or JsonToken.Float
        ? Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture)
        : Skipped<long?>(reader);

    private static DateTimeOffset? Date(JsonTextReader reader) =>
        Text(reader) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    /// <summary>Steps over a value of an unexpected type (a whole object or array included) and yields "absent".</summary>
    private static T Skipped<T>(JsonTextReader reader)
    {
        reader.Skip();
        return default!;
    }

    private static List<string> Tags(JsonTextReader reader)
    {
        var tags = new List<string>();
        if (reader.TokenType != JsonToken.StartArray)
        {
            reader.Skip();
            return tags;
        }

        while (true)
        {
            Next(reader);
            if (reader.TokenType == JsonToken.EndArray)
            {
                return tags;
            }

            tags.Add(Plain(reader) switch
            {
                null => string.Empty,
                string s => s,
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty,
            });
        }
    }

    private static Dictionary<string, object?> PlainObject(JsonTextReader reader) =>
        reader.TokenType == JsonToken.StartObject ? ReadPlainObject(reader) : Skipped<Dictionary<string, object?>?>(reader) ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    private static Dictionary<string, object?> ReadPlainObject(JsonTextReader reader)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (NextProperty(reader) is { } name)
        {
            result[name] = Plain(reader);
        }

        return result;
    }

    /// <summary>
    /// The current value as a plain value: dictionaries, lists, long, double, string, bool or null; the
    /// non-finite markers ("NaN", "±Infinity") become numbers.
    /// </summary>
    private static object? Plain(JsonTextReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                return ReadPlainObject(reader);
            case JsonToken.StartArray:
                var list = new List<object?>();
                while (true)
                {
                    Next(reader);
                    if (reader.TokenType == JsonToken.EndArray)
                    {
                        return list;
                    }

                    list.Add(Plain(reader));
                }

            case JsonToken.Integer:
                return Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Float:
                return Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Boolean:
                return (bool)reader.Value!;
            case JsonToken.String:
                return JsonConventions.StringValue((string)reader.Value!);
            case JsonToken.Null or JsonToken.Undefined:
                return null;
            default:
                return reader.Value?.ToString();
        }
    }
}
