using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// The trend behind a verdict: the group means of the gated metric and job type over the project's recent groups,
/// oldest first, ending with the gated group, with the baseline group marked, so a slow drift that no single
/// comparison flags is visible too.
/// </summary>
internal static class GateTrend
{
    /// <param name="result">The verdict whose metric and job type to follow.</param>
    /// <param name="runs">The runs of the report (any projects).</param>
    /// <param name="count">How many groups, the gated one included.</param>
    public static IReadOnlyList<TrendPoint> Of(GateRow result, IReadOnlyList<StoredRun> runs, int count)
    {
        var project = result.Project;
        var baselineGroup = result.BaselineIsFile ? null : result.Baseline;
        var points = runs
            .Where(r => r.Project == project && r.Group is not null && r.JobType == result.JobType)
            .GroupBy(r => r.Group!, StringComparer.Ordinal)
            .Select(g => (Group: g.Key, Time: g.Max(r => r.CreatedAt), Stats: SummaryStatistics.Of(g).TryGetValue(result.Metric, out var s) ? s : null))
            .Where(p => p.Stats is { N: > 0 })
            .OrderBy(p => p.Time)
            .ThenBy(p => p.Group, StringComparer.Ordinal)
            .Select(p => new TrendPoint(p.Group, p.Time, p.Stats!, p.Group == baselineGroup, p.Group == result.Group))
            .ToList();

        // The gated group ends the trend even when an older build finished later.
        var current = points.FindIndex(p => p.IsCurrent);
        if (current >= 0)
        {
            var point = points[current];
            points.RemoveAt(current);
            points.Add(point);
        }

        return points.Skip(Math.Max(0, points.Count - count)).ToList();
    }
}
