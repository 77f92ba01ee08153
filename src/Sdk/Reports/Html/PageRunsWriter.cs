using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Environment;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Runs;
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
        var fields = new (string Name, Func<StoredRun, JsonText, string?> Value)[]
        {
            (JsonFields.Id, (r, text) => text.Of(r.Id)),
            (JsonFields.Name, (r, text) => text.Of(r.Name)),
            (JsonFields.Project, (r, text) => text.Of(r.Project)),
            (JsonFields.Group, (r, text) => r.Group is null ? null : text.Of(r.Group)),
            (JsonFields.JobType, (r, text) => r.JobType is null ? null : text.Of(r.JobType)),
            (JsonFields.State, (r, text) => text.Of(r.State.ToName())),
            (JsonFields.ExitCode, (r, _) => r.ExitCode?.ToString(CultureInfo.InvariantCulture)),
            (JsonFields.Notes, (r, text) => r.Notes is null ? null : text.Of(r.Notes)),
            // To the microsecond: a unit test lasts micro- to milliseconds, and the page shows three significant digits.
            (JsonFields.Duration, (r, _) => JsonWriterExtensions.ShortNumber(r.DurationSeconds, "F6") ?? "null"),
            (JsonFields.Tags, (r, text) => text.OfTags(r.Tags)),
            (JsonFields.Error, (r, text) => RunProblems.Message(r) is { } message ? text.Of(message) : null),
            (JsonFields.SystemInfo, (r, text) => text.OfSystem(r.System)),
        };

        // Each column's JSON texts are made on their own (a large page has tens of thousands of runs), so the
        // columns are made on every core, each with its own text writer, and written in order afterwards.
        var columns = fields
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Parallelism.Degree)
            .Select(f => Column(runs, f.Value, new JsonText(json)))
            .ToArray();
        var config = Task.Run(() => Keyed(runs, r => r.FlatConfig, new JsonText(json)));
        var summary = Keyed(runs, r => r.Summary, new JsonText(json));

        json.WriteStartObject();
        json.WriteProperty("count", runs.Count);
        for (var f = 0; f < fields.Length; f++)
        {
            json.WritePropertyName(fields[f].Name);
            columns[f].Write(json, runs.Count);
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
        WriteKeyed(json, JsonFields.Config, runs.Count, config.GetAwaiter().GetResult());
        WriteKeyed(json, JsonFields.Summary, runs.Count, summary);
        json.WriteEndObject();
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static PageColumn Column(IReadOnlyList<StoredRun> runs, Func<StoredRun, JsonText, string?> value, JsonText text)
    {
        var column = new PageColumn();
        for (var i = 0; i < runs.Count; i++)
        {
            if (value(runs[i], text) is { } json)
            {
                column.Add(i, json);
            }
        }

        return column;
    }

    /// <summary>One column per key of the runs' config or summary, by key; a key a run lacks is no value of that run.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static SortedDictionary<string, PageColumn> Keyed(IReadOnlyList<StoredRun> runs, Func<StoredRun, IReadOnlyDictionary<string, object?>> values, JsonText text)
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

                column.Add(i, text.OfValue(pair.Value));
            }
        }

        return columns;
    }

    private static void WriteKeyed(JsonWriter json, string name, int runCount, SortedDictionary<string, PageColumn> columns)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var pair in columns)
        {
            json.WritePropertyName(pair.Key);
            pair.Value.Write(json, runCount);
        }

        json.WriteEndObject();
    }

    /// <summary>A value's JSON text, escaped exactly as the page's writer escapes (no &lt;, &gt; or &amp; inside strings).</summary>
    private sealed class JsonText
    {
        /// <summary>How many texts of each kind are kept: a column of distinct values (durations, losses) is not worth more.</summary>
        private const int MaxRememberedTexts = 4096;

        private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
        private readonly Dictionary<long, string> _doubles = new();
        private readonly Dictionary<long, string> _integers = new();
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly StringEscapeHandling _escaping;
        private readonly FloatFormatHandling _floats;
        private SystemInfo? _lastSystem;
        private string _lastSystemText = string.Empty;

        /// <summary>Takes the page writer's settings once: texts are made on other threads while the page is written.</summary>
        public JsonText(JsonWriter settings)
        {
            _escaping = settings.StringEscapeHandling;
            _floats = settings.FloatFormatHandling;
        }

        public string Of(string value) => JsonStringText.Quote(value, _escaping);

        /// <summary>
        /// A config or summary value: most are formatted without a writer (<see cref="JsonValueText"/>). A column's values
        /// repeat (the runs of a group share their config, a cross-validation its folds' settings), so the text of each
        /// number and string met is kept: formatting a double is most of a cell's cost.
        /// </summary>
        public string OfValue(object? value)
        {
            switch (value)
            {
                // By their bits: 0.0 and -0.0 are equal doubles with different texts.
                case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                    return Remembered(_doubles, BitConverter.DoubleToInt64Bits(d), value);
                case long l:
                    return Remembered(_integers, l, value);
                case string s:
                    return Remembered(_strings, s, value);
                default:
                    return Formatted(value);
            }
        }

        private string Remembered<TKey>(Dictionary<TKey, string> texts, TKey key, object value)
            where TKey : notnull
        {
            if (texts.TryGetValue(key, out var text))
            {
                return text;
            }

            text = Formatted(value);
            if (texts.Count < MaxRememberedTexts)
            {
                texts.Add(key, text);
            }

            return text;
        }

        private string Formatted(object? value) =>
            JsonValueText.TryFormat(value, _escaping, out var text) ? text : Of(w => PlainValueWriter.Write(w, value));

        /// <summary>A run's tags: most runs have none, and the others a few strings, so no writer is needed.</summary>
        public string OfTags(IReadOnlyList<string> tags)
        {
            if (tags.Count == 0)
            {
                return "[]";
            }

            return "[" + string.Join(",", tags.Select(OfValue)) + "]";
        }

        /// <summary>
        /// A run's system info. The runs of one build or test run share theirs, and neighbours on the page mostly come
        /// from the same one: the text of the previous run's is reused when every field is the same.
        /// </summary>
        public string OfSystem(SystemInfo system)
        {
            if (_lastSystem is null || !SameFields(_lastSystem, system))
            {
                _lastSystemText = Of(w => StoreDocumentWriter.WriteSystem(w, system));
                _lastSystem = system;
            }

            return _lastSystemText;
        }

        public string Of(Action<JsonWriter> write)
        {
            _buffer.GetStringBuilder().Clear();
            using (var json = new JsonTextWriter(_buffer)
            {
                StringEscapeHandling = _escaping,
                FloatFormatHandling = _floats,
                Formatting = Formatting.None,
                CloseOutput = false,
            })
            {
                write(json);
            }

            return _buffer.ToString();
        }

        private static bool SameFields(SystemInfo a, SystemInfo b) =>
            ReferenceEquals(a, b)
            || (a.Pid == b.Pid && a.GitDirty == b.GitDirty
                && string.Equals(a.Host, b.Host, StringComparison.Ordinal)
                && string.Equals(a.Os, b.Os, StringComparison.Ordinal)
                && string.Equals(a.DotNet, b.DotNet, StringComparison.Ordinal)
                && string.Equals(a.GitCommit, b.GitCommit, StringComparison.Ordinal)
                && string.Equals(a.GitBranch, b.GitBranch, StringComparison.Ordinal)
                && string.Equals(a.CiProvider, b.CiProvider, StringComparison.Ordinal)
                && string.Equals(a.CiRunId, b.CiRunId, StringComparison.Ordinal));
    }
}
