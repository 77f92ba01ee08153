using System.Globalization;
using System.Runtime.CompilerServices;
using Wandb.Environment;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// A run's cells in the page's runs table (<see cref="PageRunsWriter"/>) as JSON texts: one per field (null where the run
/// has no value) and one per key of its flattened config and of its summary. Made once per run object, like the run's
/// entry in runs.json (<see cref="Json.RunsJsonEntries"/>): a run that did not change is the same object from one listing
/// to the next, so each refresh makes the cells of the runs written since, not of the 5,000 a report shows in full.
/// </summary>
internal sealed class PageRunCells
{
    /// <summary>The fields of the runs table, in the order the page data lists them (docs/html-report.md, "Data contract").</summary>
    public static readonly (string Name, Func<StoredRun, PageCellText, string?> Value)[] Fields =
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

    private static readonly ConditionalWeakTable<StoredRun, PageRunCells> Made = new();

    private PageRunCells(string?[] fields, KeyValuePair<string, string>[] config, KeyValuePair<string, string>[] summary)
    {
        FieldTexts = fields;
        Config = config;
        Summary = summary;
    }

    /// <summary>The text of each of <see cref="Fields"/>, null where the run has no value.</summary>
    public string?[] FieldTexts { get; }

    /// <summary>The run's flattened config: key and text.</summary>
    public KeyValuePair<string, string>[] Config { get; }

    /// <summary>The run's summary: key and text.</summary>
    public KeyValuePair<string, string>[] Summary { get; }

    /// <summary>Whether the run's cells were made already (by a read-ahead or an earlier page).</summary>
    public static bool IsMade(StoredRun run) => Made.TryGetValue(run, out _);

    /// <summary>The cells of every run of <paramref name="runs"/>, in order; those not made yet are made on every core.</summary>
    public static PageRunCells[] Of(IReadOnlyList<StoredRun> runs)
    {
        var cells = new PageRunCells[runs.Count];
        var missing = new List<int>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (Made.TryGetValue(runs[i], out var made))
            {
                cells[i] = made;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            // In ranges, each with its own text maker: neighbours mostly share their system info and config values.
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(0, missing.Count, Math.Max(64, missing.Count / (Parallelism.Degree * 4))),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree },
                range =>
                {
                    var text = new PageCellText();
                    for (var m = range.Item1; m < range.Item2; m++)
                    {
                        var i = missing[m];
                        cells[i] = Make(runs[i], text);
                    }
                });

            // Kept one after the other: kept from every core, the cores waited for each other on the table's lock.
            foreach (var i in missing)
            {
                var made = cells[i];
                cells[i] = Made.GetValue(runs[i], _ => made);
            }
        }

        return cells;
    }

    private static PageRunCells Make(StoredRun run, PageCellText text)
    {
        var fields = new string?[Fields.Length];
        for (var f = 0; f < Fields.Length; f++)
        {
            fields[f] = Fields[f].Value(run, text);
        }

        return new PageRunCells(fields, Keyed(run.FlatConfig, text), Keyed(run.Summary, text));
    }

    private static KeyValuePair<string, string>[] Keyed(IReadOnlyDictionary<string, object?> values, PageCellText text)
    {
        var cells = new KeyValuePair<string, string>[values.Count];
        var i = 0;
        foreach (var pair in values)
        {
            cells[i++] = new KeyValuePair<string, string>(pair.Key, text.OfValue(pair.Value));
        }

        return cells;
    }
}
