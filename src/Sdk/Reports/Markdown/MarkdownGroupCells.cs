using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Wandb.Grouping;

namespace Wandb.Reports.Markdown;

/// <summary>
/// The cells of a group's row in summary.md's tables that depend on the group alone, made once per group object: its keys
/// and counts, and its statistics of each metric, before the best group's are set in bold. A group never changes, and a
/// store object keeps the group of unchanged runs or of an unchanged aggregate as the same object
/// (<see cref="RunGroupCache"/>), so a read-ahead makes the rows of the groups it read (<see cref="Make"/>) and the refresh
/// after it joins them: at 100,000 runs the table lists 501 groups, whose cells were formatted number by number on every
/// refresh. Which metrics a table shows only the build's or test run's own runs decide, so a read-ahead makes the cells of
/// every metric of a group (up to <see cref="MaxMetricsMadeAhead"/>) and the rest are made when first shown.
/// </summary>
internal sealed class MarkdownGroupCells
{
    /// <summary>Most metrics of one group whose cells a read-ahead makes: runs may log hundreds of summary values, the tables show a few.</summary>
    public const int MaxMetricsMadeAhead = 16;

    private static readonly ConditionalWeakTable<RunGroup, MarkdownGroupCells> Made = new();

    private readonly RunGroup _group;
    private readonly ConcurrentDictionary<string, string> _metrics = new(StringComparer.Ordinal);
    private string? _lead;

    private MarkdownGroupCells(RunGroup group) => _group = group;

    /// <summary>The row's first cells, joined: the group's keys, its run count and its states (made when first asked for: a table without grouping has a row per run instead).</summary>
    public string Lead => _lead ??= string.Join(" | ", _group.Path.Select(v => v.IsMissing ? "*(none)*" : MarkdownText.Escape(v.Label))
        .Concat(new[] { _group.RunCount.ToString(CultureInfo.InvariantCulture), StateCountText.Of(_group.States) }));

    /// <summary>The cells of <paramref name="group"/>, made now or before.</summary>
    public static MarkdownGroupCells Of(RunGroup group) => Made.GetValue(group, g => new MarkdownGroupCells(g));

    /// <summary>Makes the cells of <paramref name="groups"/> and of each one's metrics (up to <see cref="MaxMetricsMadeAhead"/>), ahead of the report.</summary>
    public static void Make(IEnumerable<RunGroup> groups)
    {
        foreach (var group in groups)
        {
            var cells = Of(group);
            _ = cells.Lead;
            foreach (var metric in group.Summary.Keys.Take(MaxMetricsMadeAhead))
            {
                cells.Metric(metric);
            }
        }
    }

    /// <summary>The group's statistics of <paramref name="metric"/>: mean ± std (n), or the value of a single run.</summary>
    public string Metric(string metric) => _metrics.GetOrAdd(metric, Format);

    private string Format(string metric)
    {
        if (!_group.Summary.TryGetValue(metric, out var stats))
        {
            return NumberText.Undefined;
        }

        var format = NumberText.ForMetric(_group, metric);
        var text = stats.N == 0 ? NumberText.Undefined
            : _group.RunCount == 1 && stats.N == 1 ? format(stats.Mean)
            : $"{format(stats.Mean)} ± {format(stats.Std)} ({stats.N})";
        return text
            + (stats.NonFinite > 0 ? $" · {stats.NonFinite} NaN/inf" : string.Empty)
            + (stats.NonNumeric > 0 ? $" · {stats.NonNumeric} non-numeric" : string.Empty);
    }
}
