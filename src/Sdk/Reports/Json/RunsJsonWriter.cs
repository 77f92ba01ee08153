using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Grouping.Statistics;
using Wandb.Json;

namespace Wandb.Reports.Json;

/// <summary>
/// Writes runs.json (schema 1, documented in docs/reports.md), streaming so that thousands of runs never
/// sit in memory as one JSON tree. Non-finite numbers in config and summary are the strings "NaN",
/// "Infinity" and "-Infinity", as in the store; a statistic that is undefined (the std dev of one run) is null.
/// </summary>
internal static class RunsJsonWriter
{
    public const int Schema = 1;

    /// <summary>What the indented writer puts between two entries of a top-level array (<c>runs</c>, <c>groups</c>): a comma, a line break and the indent.</summary>
    public static readonly string BetweenEntries = Between();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly byte[] BetweenEntriesUtf8 = Utf8.GetBytes(BetweenEntries);

    public static void Write(ReportModel model, TextWriter output)
    {
        using var json = JsonConventions.CreateWriter(output, Formatting.Indented);
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Schema, Schema);
        json.WriteRoundTripTime(JsonFields.GeneratedAt, model.GeneratedAt);
        if (!model.Detail.IsComplete)
        {
            WriteOmitted(json, model);
        }

        json.WritePropertyName(JsonFields.Runs);
        json.WriteStartArray();
        var runs = model.Detail.Runs;
        var prefix = RunsJsonPrefix.For(model.Store, runs);
        if (prefix is not null)
        {
            // The entries of the runs read ahead, made ahead in one or two pieces of UTF-8 (RunsJsonPrefix).
            foreach (var piece in prefix.Pieces)
            {
                RawUtf8Value.Write(json, output, piece);
            }
        }

        for (var i = prefix?.Count ?? 0; i < runs.Count; i++)
        {
            // Each run's object as it was formatted for the run (RunsJsonEntries): the writer puts the comma and indent.
            json.WriteRawValue(RunsJsonEntries.Of(runs[i]));
        }

        json.WriteEndArray();
        json.WritePropertyName("groups");
        json.WriteStartArray();
        var summaryOnly = model.Detail.IsComplete ? null : new HashSet<RunGroup>(model.Detail.SummaryOnly);
        var entries = new List<byte[]>(model.ByGroup.Groups.Count);
        foreach (var group in model.ByGroup.Groups)
        {
            if (group.OnlyAggregate is { } aggregate)
            {
                // A group summarised from the store's aggregate: its entry as made for that aggregate (RunsJsonGroupEntries).
                entries.Add(RunsJsonGroupEntries.Utf8Of(aggregate));
            }
            else if (!group.Path[0].IsMissing && summaryOnly?.Contains(group) != true)
            {
                // The detail takes a named group whole (ReportDetail): every run of one not summarised is listed, and its
                // entry is the one made for the group object.
                entries.Add(RunsJsonGroupEntries.Utf8OfShown(group));
            }
            else
            {
                entries.Add(Utf8.GetBytes(EntryText("groups", json => WriteGroup(json, group, group.Runs.Where(model.Detail.Contains).Select(r => r.Id)))));
            }
        }

        // The entries go to the file as the UTF-8 they were kept as, in one piece: written one by one as text, the 500 groups
        // of a 100,000-run store were encoded again on every refresh (about 0.6 ms of the core the refresh waits for, perf).
        RawUtf8Value.WriteJoined(json, output, entries, BetweenEntriesUtf8);
        json.WriteEndArray();
        if (model.Gates.Count > 0)
        {
            GateJsonWriter.Write(json, model.Gates);
        }

        json.WriteEndObject();
    }

    /// <summary>What the budget left out of <c>runs</c> (docs/reports.md#budgets); written only when something was.</summary>
    private static void WriteOmitted(JsonWriter json, ReportModel model)
    {
        var detail = model.Detail;
        json.WritePropertyName("omitted");
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Runs, detail.OmittedRuns);
        json.WriteProperty("groups", detail.SummaryOnly.Count);
        json.WriteProperty("max_detail_runs", detail.Budget);
        json.WriteProperty("reason", OmittedNote.Reason(detail, model.RunCount));
        json.WriteProperty("how", OmittedNote.How);
        json.WriteStringArray("summary_only_groups", detail.SummaryOnly.Select(GroupName));
        json.WriteEndObject();
    }

    /// <summary>The name of a group of the grouping by <c>group</c>; null for the runs without one.</summary>
    public static string? GroupName(RunGroup group) => group.Path[0].IsMissing ? null : group.Path[0].Text;

    /// <summary>A group's <c>states</c>: run count per state, only the states that occur.</summary>
    public static void WriteStates(JsonWriter json, RunGroup group)
    {
        json.WritePropertyName("states");
        json.WriteStartObject();
        foreach (var state in group.States)
        {
            json.WriteProperty(state.Key.ToName(), state.Value);
        }

        json.WriteEndObject();
    }

    /// <summary>A group's entry in <c>groups</c>.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="group">The group.</param>
    /// <param name="runIds">Its runs listed in runs.json's runs: a summarised group lists none, its states still count them all.</param>
    public static void WriteGroup(JsonWriter json, RunGroup group, IEnumerable<string> runIds)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Group, GroupName(group));
        json.WriteStringArray(JsonFields.Runs, runIds);
        json.WriteStringArray("job_types", group.JobTypes);
        WriteStates(json, group);
        json.WritePropertyName(JsonFields.Summary);
        json.WriteStartObject();
        foreach (var pair in group.Summary)
        {
            json.WritePropertyName(pair.Key);
            WriteStatistics(json, pair.Value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes two values into <c>runs</c> with the report's writer and returns what came between them.</summary>
    private static string Between()
    {
        var text = EntryText(JsonFields.Runs, json =>
        {
            json.WriteRawValue("1");
            json.WriteRawValue("2");
        });
        return text.Substring(1, text.Length - 2);
    }

    /// <summary>
    /// What <paramref name="write"/> writes as the next value of the top-level array <paramref name="arrayName"/> of an
    /// indented runs.json, without the line break and indent the writer puts before it: the report's writer puts its own.
    /// </summary>
    internal static string EntryText(string arrayName, Action<JsonWriter> write)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using var json = JsonConventions.CreateWriter(buffer, Formatting.Indented);
        json.WriteStartObject();
        json.WritePropertyName(arrayName);
        json.WriteStartArray();
        json.Flush();
        var start = buffer.GetStringBuilder().Length;
        write(json);
        json.Flush();
        var text = buffer.GetStringBuilder();
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return text.ToString(start, text.Length - start);
    }

    /// <summary>A metric's statistics as a group's <c>summary</c> holds them. Statistics come from finite values only, so NaN here means "undefined for this n": null, not "NaN".</summary>
    public static void WriteStatistics(JsonWriter json, MetricStatistics stats)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.N, stats.N);
        json.WriteStatistic(JsonFields.Mean, stats.Mean);
        json.WriteStatistic("median", stats.Median);
        json.WriteStatistic("min", stats.Min);
        json.WriteStatistic("max", stats.Max);
        json.WriteStatistic(JsonFields.Std, stats.Std);
        json.WriteStatistic("stderr", stats.StdErr);
        json.WriteStatistic("ci95_low", stats.Ci95Low);
        json.WriteStatistic("ci95_high", stats.Ci95High);
        json.WriteProperty("non_finite", stats.NonFinite);
        json.WriteProperty("non_numeric", stats.NonNumeric);
        json.WriteEndObject();
    }
}
