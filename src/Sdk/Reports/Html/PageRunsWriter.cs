using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Storage;
using Wandb.Storage.Codec;

namespace Wandb.Reports.Html;

/// <summary>
/// The page data's runs, one <see cref="PageColumn"/> per field and per config and summary key
/// (docs/html-report.md, "Data contract"): identity, flattened config, summary, failure message and system
/// info, with the creation times as millisecond steps. A null field is no value: the page reads it as null.
/// </summary>
internal static class PageRunsWriter
{
    public static void Write(JsonWriter json, IReadOnlyList<StoredRun> runs, long originMs)
    {
        var text = new JsonText(json);
        var fields = new (string Name, Func<StoredRun, string?> Value)[]
        {
            (JsonFields.Id, r => text.Of(r.Id)),
            (JsonFields.Name, r => text.Of(r.Name)),
            (JsonFields.Project, r => text.Of(r.Project)),
            (JsonFields.Group, r => r.Group is null ? null : text.Of(r.Group)),
            (JsonFields.JobType, r => r.JobType is null ? null : text.Of(r.JobType)),
            (JsonFields.State, r => text.Of(r.State.ToName())),
            (JsonFields.ExitCode, r => r.ExitCode?.ToString(CultureInfo.InvariantCulture)),
            (JsonFields.Notes, r => r.Notes is null ? null : text.Of(r.Notes)),
            (JsonFields.Duration, r => text.Of(w => w.WriteShortNumber(r.DurationSeconds, "F3"))),
            (JsonFields.Tags, r => text.Of(w => PlainValueWriter.Write(w, r.Tags))),
            (JsonFields.Error, r => RunProblems.Message(r) is { } message ? text.Of(message) : null),
            (JsonFields.SystemInfo, r => text.Of(w => StoreDocumentWriter.WriteSystem(w, r.System))),
        };

        json.WriteStartObject();
        json.WriteProperty("count", runs.Count);
        foreach (var (name, value) in fields)
        {
            json.WritePropertyName(name);
            Column(runs, value).Write(json, runs.Count);
        }

        json.WritePropertyName("created");
        json.WriteStartArray();
        var previous = originMs;
        foreach (var run in runs)
        {
            var ms = run.CreatedAt.ToUnixTimeMilliseconds();
            json.WriteValue(ms - previous);
            previous = ms;
        }

        json.WriteEndArray();
        WriteKeyed(json, JsonFields.Config, runs, r => r.FlatConfig, text);
        WriteKeyed(json, JsonFields.Summary, runs, r => r.Summary, text);
        json.WriteEndObject();
    }

    private static PageColumn Column(IReadOnlyList<StoredRun> runs, Func<StoredRun, string?> value)
    {
        var column = new PageColumn();
        for (var i = 0; i < runs.Count; i++)
        {
            if (value(runs[i]) is { } json)
            {
                column.Add(i, json);
            }
        }

        return column;
    }

    /// <summary>One column per key of the runs' config or summary, by key; a key a run lacks is no value of that run.</summary>
    private static void WriteKeyed(JsonWriter json, string name, IReadOnlyList<StoredRun> runs, Func<StoredRun, IReadOnlyDictionary<string, object?>> values, JsonText text)
    {
        var columns = new SortedDictionary<string, PageColumn>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var pair in values(runs[i]))
            {
                if (!columns.TryGetValue(pair.Key, out var column))
                {
                    columns[pair.Key] = column = new PageColumn();
                }

                column.Add(i, text.Of(w => PlainValueWriter.Write(w, pair.Value)));
            }
        }

        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var pair in columns)
        {
            json.WritePropertyName(pair.Key);
            pair.Value.Write(json, runs.Count);
        }

        json.WriteEndObject();
    }

    /// <summary>A value's JSON text, escaped exactly as the page's writer escapes (no &lt;, &gt; or &amp; inside strings).</summary>
    private sealed class JsonText
    {
        private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
        private readonly JsonWriter _settings;

        public JsonText(JsonWriter settings) => _settings = settings;

        public string Of(string value) => Of(w => w.WriteValue(value));

        public string Of(Action<JsonWriter> write)
        {
            _buffer.GetStringBuilder().Clear();
            using (var json = new JsonTextWriter(_buffer)
            {
                StringEscapeHandling = _settings.StringEscapeHandling,
                FloatFormatHandling = _settings.FloatFormatHandling,
                Formatting = Formatting.None,
                CloseOutput = false,
            })
            {
                write(json);
            }

            return _buffer.ToString();
        }
    }
}
