using System.Globalization;
using System.Text;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// The page's runs table (<see cref="PageRunsWriter"/>) of the runs a read-ahead expects the report to show in full before
/// the build's or test run's own (<see cref="ReportReadAhead"/>), as column texts that the report extends with the runs
/// after them (<see cref="PageColumnText"/>). At 100,000 runs the table of the 4,800 runs shown took 12-20 ms of the
/// page's core on every refresh, for the same runs as the refresh before and 20 new ones at their end. Kept per store
/// object, with the table without the oldest unit, by <see cref="KeptPrefixes{T}"/>; a report whose runs begin with
/// neither writes its table whole, as before.
/// </summary>
internal sealed class PageRunsPrefix
{
    private static readonly KeptPrefixes<PageRunsPrefix> Kept = new((_, runs) => Make(runs));

    private PageRunsPrefix(IReadOnlyList<StoredRun> runs, long originMs, PageColumnText[] fields, string created, long lastCreatedMs, Dictionary<string, PageColumnText> config, Dictionary<string, PageColumnText> summary, IReadOnlyCollection<string> summaryMetrics)
    {
        SummaryMetrics = summaryMetrics;
        Runs = runs;
        OriginMs = originMs;
        Fields = fields;
        Created = created;
        LastCreatedMs = lastCreatedMs;
        Config = config;
        Summary = summary;
    }

    /// <summary>The runs the table holds, in the page's order (oldest first).</summary>
    public IReadOnlyList<StoredRun> Runs { get; }

    /// <summary>The creation time of the oldest, from which the page's <c>created</c> column counts.</summary>
    public long OriginMs { get; }

    /// <summary>One column per field of <see cref="PageRunCells.Fields"/>, frozen.</summary>
    public PageColumnText[] Fields { get; }

    /// <summary>The <c>created</c> column's text: each run's milliseconds after the one before (the first's after <see cref="OriginMs"/>).</summary>
    public string Created { get; }

    /// <summary>The last run's creation time, from which the next run's is counted.</summary>
    public long LastCreatedMs { get; }

    /// <summary>A column per config key, frozen.</summary>
    public Dictionary<string, PageColumnText> Config { get; }

    /// <summary>A column per summary key, frozen.</summary>
    public Dictionary<string, PageColumnText> Summary { get; }

    /// <summary>The names of the numeric summary values of the runs, which the page may compare groups on (<see cref="ReportDataWriter.SummaryMetrics"/>).</summary>
    public IReadOnlyCollection<string> SummaryMetrics { get; }

    /// <summary>Keeps the table of <paramref name="runs"/> (oldest first) for the reports written from <paramref name="store"/>; none when there are no runs.</summary>
    /// <inheritdoc cref="KeptPrefixes{T}.Keep" path="/param"/>
    public static void Keep(RunStore store, IReadOnlyList<StoredRun> runs, bool withoutOldest) => Kept.Keep(store, runs, withoutOldest);

    /// <summary>The kept table of <paramref name="store"/> (or the one without its oldest unit) when the page's runs begin with its runs and count from its origin; else null.</summary>
    public static PageRunsPrefix? For(RunStore store, IReadOnlyList<StoredRun> runs, long originMs) => Kept.For(store, runs, kept => kept.OriginMs == originMs);

    /// <summary>The table of <paramref name="runs"/>, oldest first.</summary>
    public static PageRunsPrefix Make(IReadOnlyList<StoredRun> runs)
    {
        var cells = PageRunCells.Of(runs);
        var fields = new PageColumnText[PageRunCells.Fields.Length];
        for (var f = 0; f < fields.Length; f++)
        {
            fields[f] = new PageColumnText();
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].FieldTexts[f] is { } text)
                {
                    fields[f].Add(i, text);
                }
            }

            fields[f].Freeze();
        }

        var originMs = runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds());
        var created = new StringBuilder();
        var previous = AppendCreated(created, runs, originMs);
        return new PageRunsPrefix(runs, originMs, fields, created.ToString(), previous, Keyed(cells, c => c.Config), Keyed(cells, c => c.Summary), ReportDataWriter.SummaryMetrics(runs));
    }

    /// <summary>
    /// Appends to the <c>created</c> column's text each run's milliseconds after the one before, the first's after
    /// <paramref name="previous"/>; returns the last run's creation time.
    /// </summary>
    public static long AppendCreated(StringBuilder text, IEnumerable<StoredRun> runs, long previous)
    {
        foreach (var run in runs)
        {
            var ms = run.CreatedAt.ToUnixTimeMilliseconds();
            text.Append(text.Length > 0 ? "," : string.Empty).Append((ms - previous).ToString(CultureInfo.InvariantCulture));
            previous = ms;
        }

        return previous;
    }

    private static Dictionary<string, PageColumnText> Keyed(PageRunCells[] cells, Func<PageRunCells, KeyValuePair<string, string>[]> values)
    {
        var columns = new Dictionary<string, PageColumnText>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
        {
            foreach (var pair in values(cells[i]))
            {
                if (!columns.TryGetValue(pair.Key, out var column))
                {
                    columns[pair.Key] = column = new PageColumnText();
                }

                column.Add(i, pair.Value);
            }
        }

        foreach (var column in columns.Values)
        {
            column.Freeze();
        }

        return columns;
    }
}
