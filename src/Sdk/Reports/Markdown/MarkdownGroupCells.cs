using System.Globalization;
using System.Runtime.CompilerServices;
using Wandb.Grouping;

namespace Wandb.Reports.Markdown;

/// <summary>
/// The cells of a group's row in summary.md's tables that depend on the group alone, made once per group object
/// (<see cref="GroupTexts"/>): its keys and counts (<see cref="GroupTexts.Head"/>), and its statistics of each metric, before
/// the best group's are set in bold. At 100,000 runs the table lists 501 groups.
/// </summary>
internal sealed class MarkdownGroupCells : GroupTexts
{
    private static readonly ConditionalWeakTable<RunGroup, MarkdownGroupCells> Made = new();

    private MarkdownGroupCells(RunGroup group)
        : base(group)
    {
    }

    /// <summary>The cells of <paramref name="group"/>, made now or before.</summary>
    public static MarkdownGroupCells Of(RunGroup group) => Made.GetValue(group, g => new MarkdownGroupCells(g));

    /// <summary>Makes the cells of <paramref name="groups"/> and of each one's metrics, ahead of the report.</summary>
    public static void Make(IEnumerable<RunGroup> groups) => Make(groups, Of);

    /// <summary>The row's first cells, joined: the group's keys, its run count and its states (a table without grouping has a row per run instead).</summary>
    protected override string FormatHead() => string.Join(" | ", Group.Path.Select(v => v.IsMissing ? "*(none)*" : MarkdownText.Escape(v.Label))
        .Concat(new[] { Group.RunCount.ToString(CultureInfo.InvariantCulture), StateCountText.Of(Group.States) }));

    /// <summary>The group's statistics of <paramref name="metric"/>: mean ± std (n), or the value of a single run.</summary>
    protected override string FormatMetric(string metric)
    {
        if (!Group.Summary.TryGetValue(metric, out var stats))
        {
            return NumberText.Undefined;
        }

        var format = NumberText.ForMetric(Group, metric);
        var text = stats.N == 0 ? NumberText.Undefined
            : Group.RunCount == 1 && stats.N == 1 ? format(stats.Mean)
            : $"{format(stats.Mean)} ± {format(stats.Std)} ({stats.N})";
        return text
            + (stats.NonFinite > 0 ? $" · {stats.NonFinite} NaN/inf" : string.Empty)
            + (stats.NonNumeric > 0 ? $" · {stats.NonNumeric} non-numeric" : string.Empty);
    }
}
