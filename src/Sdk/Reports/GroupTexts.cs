using System.Collections.Concurrent;
using Wandb.Grouping;

namespace Wandb.Reports;

/// <summary>
/// Texts a report writes of one group, made once per group object: a head that depends on the group alone, and one text per
/// metric. A group never changes, and a store object keeps the group of unchanged runs or of an unchanged aggregate as the
/// same object (<see cref="RunGroupCache"/>), so a read-ahead makes the texts of the groups it read (<see cref="Make{T}"/>)
/// and the report after it joins them: at 100,000 runs a report lists 501 groups, whose statistics were formatted number by
/// number on every refresh. Which metrics a report shows only the build's or test run's own runs decide, so a read-ahead
/// makes the text of every metric of a group (up to <see cref="MaxMetricsMadeAhead"/>) and the rest are made when first shown.
/// summary.md's cells (<see cref="Markdown.MarkdownGroupCells"/>) and the page's entries of summarised groups
/// (<see cref="Html.PageOmittedGroupText"/>) are made this way.
/// </summary>
internal abstract class GroupTexts
{
    /// <summary>Most metrics of one group whose texts a read-ahead makes: runs may log hundreds of summary values, reports show a few.</summary>
    public const int MaxMetricsMadeAhead = 16;

    private readonly ConcurrentDictionary<string, string> _metrics = new(StringComparer.Ordinal);
    private string? _head;

    protected GroupTexts(RunGroup group) => Group = group;

    /// <summary>The text that depends on the group alone, made when first asked for.</summary>
    public string Head => _head ??= FormatHead();

    protected RunGroup Group { get; }

    /// <summary>Makes the head and metric texts of <paramref name="groups"/> ahead of the report, each group's texts as <paramref name="of"/> keeps them.</summary>
    public static void Make<T>(IEnumerable<RunGroup> groups, Func<RunGroup, T> of)
        where T : GroupTexts
    {
        foreach (var group in groups)
        {
            var texts = of(group);
            _ = texts.Head;
            foreach (var metric in group.Summary.Keys.Take(MaxMetricsMadeAhead))
            {
                texts.Metric(metric);
            }
        }
    }

    /// <summary>The text of the group's statistics of <paramref name="metric"/>, made now or before.</summary>
    public string Metric(string metric) => _metrics.GetOrAdd(metric, FormatMetric);

    protected abstract string FormatHead();

    protected abstract string FormatMetric(string metric);
}
