using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// The trend behind a verdict: the group means of the gated metric and job type over the project's recent groups,
/// oldest first, ending with the gated group, with the baseline group marked, so a slow drift that no single
/// comparison flags is visible too. summary.md's trend tables and the HTML report's trend charts both come from here.
/// </summary>
internal static class GateTrend
{
    /// <param name="result">The verdict whose metric and job type to follow.</param>
    /// <param name="runs">The runs of the report (any projects).</param>
    /// <param name="count">How many groups, the gated one included.</param>
    public static IReadOnlyList<TrendPoint> Of(GateRow result, IReadOnlyList<StoredRun> runs, int count) =>
        Of(result.Project, result.Metric, result.JobType, result.BaselineIsFile ? null : result.Baseline, result.Group, runs, count);

    /// <summary>
    /// One trend per gated metric and job type of <paramref name="gates"/> (the first verdict of each names the baseline
    /// and the gated group); without verdicts, the trend of <paramref name="keyMetric"/> for each job type of the focus
    /// runs (of every run without them) that at least two groups have, at most <paramref name="maxSeries"/>.
    /// </summary>
    /// <param name="gates">The verdicts of the report.</param>
    /// <param name="runs">The runs of the report (any projects).</param>
    /// <param name="focus">The runs of the build or test run that asked for the report; may be empty.</param>
    /// <param name="keyMetric">The metric followed when nothing was gated; null for no trend then.</param>
    /// <param name="baselineGroup">The group the reports compare with, marked in a key metric's trend.</param>
    /// <param name="count">How many groups each trend follows, the gated (or latest) one included.</param>
    /// <param name="maxSeries">Most trends of the key metric.</param>
    public static IReadOnlyList<TrendSeries> Series(IReadOnlyList<GateRow> gates, IReadOnlyList<StoredRun> runs, IReadOnlyList<StoredRun> focus, string? keyMetric, string? baselineGroup, int count, int maxSeries)
    {
        if (gates.Count > 0)
        {
            var gated = gates.GroupBy(g => (g.Project, g.Metric, g.JobType)).Select(g => g.First()).ToList();
            var gatedRuns = new TrendRuns();
            foreach (var gate in gated)
            {
                gatedRuns.Add(gate.Project, gate.JobType);
            }

            gatedRuns.Collect(runs);
            return gated
                .Select(g => new TrendSeries(g.Project, g.Metric, g.JobType, g.Baseline, g.BaselineIsFile, g.BaselineStats, Of(g, gatedRuns.Find(g.Project, g.JobType)!.Runs, count)))
                .Where(s => s.Points.Count > 0)
                .ToList();
        }

        if (keyMetric is null || maxSeries < 1)
        {
            return Array.Empty<TrendSeries>();
        }

        var source = focus.Count > 0 ? focus : runs;
        var current = focus.Select(r => r.Group).FirstOrDefault(g => g is not null);
        var pairRuns = new TrendRuns();
        foreach (var run in source)
        {
            if (run.JobType is not null)
            {
                pairRuns.Add(run.Project, run.JobType);
            }
        }

        pairRuns.Collect(runs);

        // A trend has at most one point per group of its runs, and at most count. The job types are taken in the order
        // the trends are shown by that bound, and the walk stops once no job type left can make the cut: a test suite has
        // a job type per test method (2,000 in a test run), and six trends are shown.
        var candidates = pairRuns.All.Where(p => p.Bound(count) >= 2).ToList();
        candidates.Sort((a, b) => ShownOrder(a.Bound(count), a.Project, a.JobType, b.Bound(count), b.Project, b.JobType));
        var chosen = new List<TrendSeries>(maxSeries + 1);
        foreach (var pair in candidates)
        {
            if (chosen.Count >= maxSeries && ShownOrder(pair.Bound(count), pair.Project, pair.JobType, chosen[maxSeries - 1]) >= 0)
            {
                break;
            }

            var series = new TrendSeries(pair.Project, keyMetric, pair.JobType, baselineGroup, false, null, Of(pair.Project, keyMetric, pair.JobType, baselineGroup, current, pair.Runs, count));
            if (series.Points.Count >= 2)
            {
                // Kept in the order shown, the last beyond maxSeries dropped.
                var at = chosen.FindIndex(c => ShownOrder(series.Points.Count, series.Project, series.JobType, c) < 0);
                chosen.Insert(at < 0 ? chosen.Count : at, series);
                if (chosen.Count > maxSeries)
                {
                    chosen.RemoveAt(maxSeries);
                }
            }
        }

        return chosen;
    }

    /// <summary>Where a trend of <paramref name="points"/> points of a project and job type is shown against <paramref name="other"/>: below zero before it.</summary>
    private static int ShownOrder(int points, string project, string jobType, TrendSeries other) =>
        ShownOrder(points, project, jobType, other.Points.Count, other.Project, other.JobType);

    /// <summary>The order the key metric's trends are shown in: more points first, then by project and job type (ordinal).</summary>
    private static int ShownOrder(int points, string project, string jobType, int otherPoints, string otherProject, string otherJobType)
    {
        if (points != otherPoints)
        {
            return otherPoints.CompareTo(points);
        }

        var byProject = string.CompareOrdinal(project, otherProject);
        return byProject != 0 ? byProject : string.CompareOrdinal(jobType, otherJobType);
    }

    private static IReadOnlyList<TrendPoint> Of(string project, string metric, string jobType, string? baselineGroup, string? currentGroup, IReadOnlyList<StoredRun> runs, int count)
    {
        var groups = GroupRuns.OldestFirst(runs, project, jobType);

        // The trend shows the newest groups only, so their statistics are the only ones computed: a store of
        // thousands of groups costs a walk over its runs, not thousands of summaries. The gated group ends the
        // trend even when an older build finished later.
        var newestOthers = new List<TrendPoint>(Math.Max(0, count));
        TrendPoint? current = null;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            var isCurrent = group.Group == currentGroup;
            if (!isCurrent && newestOthers.Count >= count)
            {
                if (current is not null || currentGroup is null)
                {
                    break;
                }

                continue;
            }

            if (SummaryStatistics.OfMetric(group.Runs, metric) is not { N: > 0 } stats)
            {
                continue;
            }

            var point = new TrendPoint(group.Group, group.Time, stats, group.Group == baselineGroup, isCurrent);
            if (isCurrent)
            {
                current = point;
            }
            else
            {
                newestOthers.Add(point);
            }
        }

        var room = Math.Max(0, current is null ? count : count - 1);
        var points = newestOthers.Take(room).Reverse().ToList();
        if (current is not null && count > 0)
        {
            points.Add(current);
        }

        return points;
    }
}
