using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// A run's entry in runs.json's <c>runs</c> made without a JSON writer, character for character as the indented writer
/// makes it (<see cref="RunsJsonEntries"/>): the same fields in the same order (<see cref="ReportRunWriter.RunsJsonFields"/>),
/// the writer's indentation and line breaks, its escaping of strings (<see cref="JsonStringText.AppendQuoted"/>) and its numbers
/// (<see cref="JsonConvert.ToString(double)"/>). A read-ahead of a 100,000-run store makes the entries of the 5,000 runs
/// the report will show, in the fresh process of a build node or test run, where a writer per entry and each of its calls
/// ran as unoptimised code: 116-164 ms of the read-ahead's 780-1,000 ms, 73-90 ms made here, most of which is allocating
/// the texts (a probe, 2026-12-05). A run whose config or summary holds anything but plain values (null, booleans, whole
/// numbers, finite doubles, strings, string-keyed dictionaries and lists of them) is left to the writer.
/// </summary>
internal static class RunsJsonEntryText
{
    /// <summary>How deep config and summary values are made here; deeper ones are left to the writer.</summary>
    private const int MaxDepth = 16;

    /// <summary>The indent levels of the entry's fields: the entry is an element of the <c>runs</c> array of the root object.</summary>
    private const int FieldLevel = 3;

    private static readonly string[] Indents = Enumerable.Range(0, FieldLevel + MaxDepth + 2)
        .Select(level => System.Environment.NewLine + new string(' ', 2 * level)).ToArray();

    [ThreadStatic]
    private static StringBuilder? _builder;

    /// <summary>The entry's text, without the line break and indent before it; null when the writer must make it.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static string? Of(StoredRun run)
    {
        var text = _builder ??= new StringBuilder(1024);
        text.Clear().Append('{');
        Field(text, JsonFields.Id, first: true);
        String(text, run.Id);
        Field(text, JsonFields.Name);
        String(text, run.Name);
        Field(text, JsonFields.Project);
        String(text, run.Project);
        Field(text, JsonFields.Group);
        String(text, run.Group);
        Field(text, JsonFields.JobType);
        String(text, run.JobType);
        Field(text, JsonFields.State);
        String(text, run.State.ToName());
        Field(text, JsonFields.ExitCode);
        if (run.ExitCode is { } exitCode)
        {
            text.Append(exitCode.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            text.Append("null");
        }

        Field(text, JsonFields.CreatedAt);
        String(text, run.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        Field(text, JsonFields.FinishedAt);
        String(text, run.FinishedAt?.ToString("O", CultureInfo.InvariantCulture));
        Field(text, JsonFields.Tags);
        StringList(text, run.Tags);
        Field(text, JsonFields.Notes);
        String(text, run.Notes);
        Field(text, JsonFields.Config);
        if (!Value(text, run.Config, FieldLevel))
        {
            return null;
        }

        Field(text, JsonFields.Summary);
        if (!Value(text, run.Summary, FieldLevel))
        {
            return null;
        }

        return text.Append(Indents[FieldLevel - 1]).Append('}').ToString();
    }

    private static void Field(StringBuilder text, string name, bool first = false)
    {
        if (!first)
        {
            text.Append(',');
        }

        JsonStringText.AppendQuoted(text.Append(Indents[FieldLevel]), name).Append(": ");
    }

    private static void String(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("null");
        }
        else
        {
            JsonStringText.AppendQuoted(text, value);
        }
    }

    private static void StringList(StringBuilder text, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            text.Append("[]");
            return;
        }

        text.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(Indents[FieldLevel + 1]);
            String(text, values[i]);
        }

        text.Append(Indents[FieldLevel]).Append(']');
    }

    /// <summary>Appends a config or summary value whose property sits at <paramref name="level"/>, as <see cref="PlainValueWriter"/> writes it; false when it is not plain.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool Value(StringBuilder text, object? value, int level)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return true;
            case string s:
                JsonStringText.AppendQuoted(text, s);
                return true;
            case bool b:
                text.Append(b ? "true" : "false");
                return true;
            case double d:
                return Number(text, d);
            case float f:
                return Number(text, f);
            case long or int or short or byte or sbyte or ushort or uint:
                text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                return true;
            case IEnumerable<KeyValuePair<string, object?>> dictionary when level < FieldLevel + MaxDepth:
                return Object(text, dictionary, level);
            case IEnumerable sequence when value is not IDictionary && value is not Newtonsoft.Json.Linq.JToken && level < FieldLevel + MaxDepth:
                return Array(text, sequence, level);
            default:
                return false;
        }
    }

    private static bool Number(StringBuilder text, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            // The writer's FloatFormatHandling makes these markers: left to it.
            return false;
        }

        text.Append(JsonConvert.ToString(value));
        return true;
    }

    private static bool Object(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> dictionary, int level)
    {
        var empty = true;
        foreach (var pair in dictionary)
        {
            JsonStringText.AppendQuoted(text.Append(empty ? "{" : ",").Append(Indents[level + 1]), pair.Key).Append(": ");
            empty = false;
            if (!Value(text, pair.Value, level + 1))
            {
                return false;
            }
        }

        text.Append(empty ? "{" : Indents[level]).Append('}');
        return true;
    }

    private static bool Array(StringBuilder text, IEnumerable sequence, int level)
    {
        var empty = true;
        foreach (var item in sequence)
        {
            text.Append(empty ? "[" : ",").Append(Indents[level + 1]);
            empty = false;
            if (!Value(text, item, level + 1))
            {
                return false;
            }
        }

        text.Append(empty ? "[" : Indents[level]).Append(']');
        return true;
    }
}
