using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Json;
using Wandb.Reports.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// A summarised group's entry in the page data's <c>omitted.summary_only</c> (<see cref="PageOmittedWriter"/>), made once per
/// group object as the page's writer writes it: the part that depends on the group alone, and its statistics of each metric.
/// A store object keeps the group of an unchanged aggregate as the same object (<see cref="RunGroupCache"/>), so a read-ahead
/// makes the texts of the groups it summarised (<see cref="Make"/>) and the page after it joins them: at 100,000 runs the
/// page lists 475 summarised groups, whose statistics were formatted number by number on every refresh (about 1.4 ms of the
/// page's core in a trace). Which metrics the page shows only the build's or test run's own runs decide, so a read-ahead
/// makes the texts of every metric of a group (up to <see cref="Markdown.MarkdownGroupCells.MaxMetricsMadeAhead"/>) and the
/// rest are made when first shown.
/// </summary>
internal sealed class PageOmittedGroupText
{
    private static readonly ConditionalWeakTable<RunGroup, PageOmittedGroupText> Made = new();

    private readonly RunGroup _group;
    private readonly ConcurrentDictionary<string, string> _metrics = new(StringComparer.Ordinal);
    private string? _head;

    private PageOmittedGroupText(RunGroup group) => _group = group;

    /// <summary>
    /// The entry's start, up to and including the opening brace of its <c>stats</c>: the group's name, projects, run count,
    /// states and latest run's creation.
    /// </summary>
    public string Head => _head ??= Format(json =>
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Group, RunsJsonWriter.GroupName(_group));
        json.WriteStringArray("projects", _group.Projects);
        json.WriteProperty(JsonFields.Runs, _group.RunCount);
        RunsJsonWriter.WriteStates(json, _group);
        json.WriteRoundTripTime("latest", _group.Newest);
        json.WritePropertyName("stats");
        json.WriteStartObject();
    });

    /// <summary>The texts of <paramref name="group"/>, made now or before.</summary>
    public static PageOmittedGroupText Of(RunGroup group) => Made.GetValue(group, g => new PageOmittedGroupText(g));

    /// <summary>Whether the texts of <paramref name="group"/> were made already (by a read-ahead or an earlier page).</summary>
    public static bool IsMade(RunGroup group) => Made.TryGetValue(group, out _);

    /// <summary>Makes the texts of <paramref name="groups"/> and of each one's metrics (up to the same count as summary.md's cells), ahead of the page.</summary>
    public static void Make(IEnumerable<RunGroup> groups)
    {
        foreach (var group in groups)
        {
            var text = Of(group);
            _ = text.Head;
            foreach (var metric in group.Summary.Keys.Take(Markdown.MarkdownGroupCells.MaxMetricsMadeAhead))
            {
                text.Metric(metric);
            }
        }
    }

    /// <summary>The whole entry with the statistics of <paramref name="metrics"/> that the group has values of, in their order.</summary>
    public string Entry(IReadOnlyList<string> metrics)
    {
        var parts = metrics.Select(Metric).Where(m => m.Length > 0);
        return Head + string.Join(",", parts) + "}}";
    }

    /// <summary>The <c>"metric":[n,mean,std,min,max]</c> member of <c>stats</c>, or an empty string when the group has no value of it.</summary>
    public string Metric(string metric) => _metrics.GetOrAdd(metric, FormatMetric);

    private string FormatMetric(string metric)
    {
        if (!_group.Summary.TryGetValue(metric, out var stats) || stats.N == 0)
        {
            return string.Empty;
        }

        var text = Format(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName(metric);
            json.WriteStartArray();
            json.WriteValue(stats.N);
            foreach (var value in new[] { stats.Mean, stats.Std, stats.Min, stats.Max })
            {
                json.WriteShortNumber(value, "R");
            }

            json.WriteEndArray();
        });

        // Without the brace of the object it was written in: the member goes into the entry's stats.
        return text.Substring(1);
    }

    /// <summary>What <paramref name="write"/> writes with the page data's writer settings (<see cref="HtmlReportWriter.CreateDataWriter"/>).</summary>
    private static string Format(Action<JsonWriter> write)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = HtmlReportWriter.CreateDataWriter(buffer))
        {
            write(json);
            json.Flush();
            return buffer.ToString();
        }
    }
}
