using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// A run's entry in runs.json's <c>runs</c> made without a JSON writer, character for character as the indented writer
/// makes it (<see cref="RunsJsonEntries"/>): the fields of <see cref="ReportRunWriter.RunsJsonFields"/> in their order,
/// the writer's indentation and line breaks, its escaping of strings (<see cref="JsonStringText.AppendQuoted"/>) and the
/// plain scalars as the page's cells make them (<see cref="JsonValueText"/>). A read-ahead of a 100,000-run store makes the entries of the 5,000 runs
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
        foreach (var field in ReportRunWriter.RunsJsonFields)
        {
            if (!Field(text, run, field))
            {
                return null;
            }
        }

        return text.Append(Indents[FieldLevel - 1]).Append('}').ToString();
    }

    /// <summary>Appends a field as <see cref="ReportRunWriter"/> writes it; false for a value (or a field) left to the writer.</summary>
    private static bool Field(StringBuilder text, StoredRun run, RunField field)
    {
        switch (field)
        {
            case RunField.Id: String(Name(text, JsonFields.Id), run.Id); return true;
            case RunField.Name: String(Name(text, JsonFields.Name), run.Name); return true;
            case RunField.Project: String(Name(text, JsonFields.Project), run.Project); return true;
            case RunField.Group: String(Name(text, JsonFields.Group), run.Group); return true;
            case RunField.JobType: String(Name(text, JsonFields.JobType), run.JobType); return true;
            case RunField.State: String(Name(text, JsonFields.State), run.State.ToName()); return true;
            case RunField.ExitCode: return Value(Name(text, JsonFields.ExitCode), run.ExitCode, FieldLevel);
            case RunField.CreatedAt: String(Name(text, JsonFields.CreatedAt), run.CreatedAt.ToString("O", CultureInfo.InvariantCulture)); return true;
            case RunField.FinishedAt: String(Name(text, JsonFields.FinishedAt), run.FinishedAt?.ToString("O", CultureInfo.InvariantCulture)); return true;
            case RunField.Tags: StringList(Name(text, JsonFields.Tags), run.Tags); return true;
            case RunField.Notes: String(Name(text, JsonFields.Notes), run.Notes); return true;
            case RunField.Config: return Value(Name(text, JsonFields.Config), run.Config, FieldLevel);
            case RunField.Summary: return Value(Name(text, JsonFields.Summary), run.Summary, FieldLevel);
            default: return false;
        }
    }

    /// <summary>Appends the separator before a field (none before the first) and its name.</summary>
    private static StringBuilder Name(StringBuilder text, string name)
    {
        if (text.Length > 1)
        {
            text.Append(',');
        }

        return JsonStringText.AppendQuoted(text.Append(Indents[FieldLevel]), name).Append(": ");
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

    /// <summary>
    /// Appends a config or summary value whose property sits at <paramref name="level"/>, as <see cref="PlainValueWriter"/>
    /// writes it: its plain scalars as the page's cells make them (<see cref="JsonValueText"/>); false when it is not plain.
    /// </summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool Value(StringBuilder text, object? value, int level)
    {
        switch (value)
        {
            case string or null:
                break;
            case float f:
                // The writer writes a float as the double it widens to.
                value = (double)f;
                break;
            case IEnumerable<KeyValuePair<string, object?>> dictionary when level < FieldLevel + MaxDepth:
                return Object(text, dictionary, level);
            case IEnumerable sequence when value is not IDictionary && value is not Newtonsoft.Json.Linq.JToken && level < FieldLevel + MaxDepth:
                return Array(text, sequence, level);
        }

        if (!JsonValueText.TryFormat(value, StringEscapeHandling.Default, out var scalar))
        {
            return false;
        }

        text.Append(scalar);
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
