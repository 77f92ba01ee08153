using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// The page data's runs, one <see cref="PageColumn"/> per field and per config and summary key
/// (docs/html-report.md, "Data contract"): identity, flattened config, summary, failure message and system
/// info, with the creation times as millisecond steps. A null field is no value: the page reads it as null.
/// </summary>
internal static class PageRunsWriter
{
    /// <param name="json">The page's writer, with the page's escaping.</param>
    /// <param name="runs">The runs, oldest first.</param>
    /// <param name="originMs">The creation time the <c>created</c> column counts from: the oldest run's.</param>
    /// <param name="prefix">The table of the runs <paramref name="runs"/> begin with, made ahead (<see cref="PageRunsPrefix.For"/>); null to write it whole.</param>
    public static void Write(JsonWriter json, IReadOnlyList<StoredRun> runs, long originMs, PageRunsPrefix? prefix = null)
    {
        if (json.StringEscapeHandling != PageCellText.Escaping || json.FloatFormatHandling != PageCellText.Floats)
        {
            throw new ArgumentException("The page's runs are written with the page's escaping (HtmlReportWriter.WriteData): their cells are made once for every page.", nameof(json));
        }

        if (prefix is not null)
        {
            WriteAfter(json, runs, prefix);
            return;
        }

        var cells = PageRunCells.Of(runs);
        var scratch = new PageColumnScratch();
        json.WriteStartObject();
        json.WriteProperty("count", runs.Count);
        for (var f = 0; f < PageRunCells.Fields.Length; f++)
        {
            var column = new PageColumn(scratch.Values(runs.Count));
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].FieldTexts[f] is { } text)
                {
                    column.Add(i, text);
                }
            }

            json.WritePropertyName(PageRunCells.Fields[f].Name);
            column.Write(json, runs.Count, scratch);
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
        WriteKeyed(json, JsonFields.Config, runs.Count, Keyed(cells, c => c.Config), scratch);
        WriteKeyed(json, JsonFields.Summary, runs.Count, Keyed(cells, c => c.Summary), scratch);
        json.WriteEndObject();
    }

    /// <summary>
    /// The table of <paramref name="runs"/>, which begin with the runs of <paramref name="prefix"/>: its columns extended with
    /// the cells of the runs after them. The same bytes as the table written whole (<see cref="PageColumnText"/>).
    /// </summary>
    private static void WriteAfter(JsonWriter json, IReadOnlyList<StoredRun> runs, PageRunsPrefix prefix)
    {
        var first = prefix.Runs.Count;
        var added = runs.Skip(first).ToList();
        var cells = PageRunCells.Of(added);
        json.WriteStartObject();
        json.WriteProperty("count", runs.Count);
        for (var f = 0; f < PageRunCells.Fields.Length; f++)
        {
            var column = PageColumnText.After(prefix.Fields[f]);
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].FieldTexts[f] is { } text)
                {
                    column.Add(first + i, text);
                }
            }

            json.WritePropertyName(PageRunCells.Fields[f].Name);
            column.Write(json, runs.Count);
        }

        // The prefix's steps as they were kept, then the runs after it: joined first, the 4,800 steps of a 100,000-run store's
        // page were copied twice more on every refresh (about 0.3 ms of the page's core, perf).
        json.WritePropertyName("created");
        json.WriteStartArray();
        json.WriteRaw(prefix.Created);
        var created = new System.Text.StringBuilder();
        PageRunsPrefix.AppendCreated(created, added, prefix.LastCreatedMs);
        if (prefix.Created.Length > 0 && created.Length > 0)
        {
            json.WriteRaw(",");
        }

        json.WriteRaw(created.ToString());
        json.WriteEndArray();
        WriteKeyedAfter(json, JsonFields.Config, runs.Count, first, prefix.Config, cells, c => c.Config);
        WriteKeyedAfter(json, JsonFields.Summary, runs.Count, first, prefix.Summary, cells, c => c.Summary);
        json.WriteEndObject();
    }

    /// <summary>The config or summary columns of the prefix extended with the runs after it, and those of keys only they have, in ordinal order of their keys.</summary>
    private static void WriteKeyedAfter(JsonWriter json, string name, int runCount, int first, Dictionary<string, PageColumnText> before, PageRunCells[] cells, Func<PageRunCells, KeyValuePair<string, string>[]> values)
    {
        var columns = new Dictionary<string, PageColumnText>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
        {
            foreach (var pair in values(cells[i]))
            {
                if (!columns.TryGetValue(pair.Key, out var column))
                {
                    columns[pair.Key] = column = before.TryGetValue(pair.Key, out var kept) ? PageColumnText.After(kept) : new PageColumnText();
                }

                column.Add(first + i, pair.Value);
            }
        }

        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var key in before.Keys.Concat(columns.Keys.Where(k => !before.ContainsKey(k))).OrderBy(k => k, StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            (columns.TryGetValue(key, out var column) ? column : PageColumnText.After(before[key])).Write(json, runCount);
        }

        json.WriteEndObject();
    }

    /// <summary>One column per key of the runs' config or summary, by key; a key a run lacks is no value of that run.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static Dictionary<string, PageColumn> Keyed(PageRunCells[] cells, Func<PageRunCells, KeyValuePair<string, string>[]> values)
    {
        var columns = new Dictionary<string, PageColumn>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
        {
            foreach (var pair in values(cells[i]))
            {
                if (!columns.TryGetValue(pair.Key, out var column))
                {
                    columns[pair.Key] = column = new PageColumn();
                }

                column.Add(i, pair.Value);
            }
        }

        return columns;
    }

    /// <summary>The columns in ordinal order of their keys: sorted once here, not kept sorted through a look-up per run and key.</summary>
    private static void WriteKeyed(JsonWriter json, string name, int runCount, Dictionary<string, PageColumn> columns, PageColumnScratch scratch)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var pair in columns.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(pair.Key);
            pair.Value.Write(json, runCount, scratch);
        }

        json.WriteEndObject();
    }
}
