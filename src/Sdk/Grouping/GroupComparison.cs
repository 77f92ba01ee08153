using Wandb.Grouping.Statistics;

namespace Wandb.Grouping;

/// <summary>
/// Every group compared with a baseline group on one metric, with Welch's t-test on the runs' final
/// (summary) values. The baseline is the best group by that metric unless one was named.
/// </summary>
internal sealed class GroupComparison
{
    public GroupComparison(string metric, bool lowerIsBetter, RunGroup baseline, IReadOnlyList<(RunGroup Group, WelchComparison Test)> rows, string? note)
    {
        Metric = metric;
        LowerIsBetter = lowerIsBetter;
        Baseline = baseline;
        Rows = rows;
        Note = note;
    }

    public string Metric { get; }

    public bool LowerIsBetter { get; }

    public RunGroup Baseline { get; }

    /// <summary>Each other group against the baseline: difference = group mean - baseline mean.</summary>
    public IReadOnlyList<(RunGroup Group, WelchComparison Test)> Rows { get; }

    /// <summary>Why the baseline is not the one asked for, or null.</summary>
    public string? Note { get; }

    /// <summary>
    /// Compares the groups of <paramref name="grouping"/> on <paramref name="metric"/>; null when fewer
    /// than two groups have a finite value of it.
    /// </summary>
    public static GroupComparison? Create(RunGrouping grouping, string metric, MetricGoals goals, string? baselineLabel)
    {
        var candidates = grouping.Groups
            .Where(g => g.Summary.TryGetValue(metric, out var s) && s.N > 0)
            .ToList();
        if (candidates.Count < 2)
        {
            return null;
        }

        string? note = null;
        RunGroup? baseline = null;
        if (baselineLabel is not null)
        {
            baseline = candidates.FirstOrDefault(g => g.Label == baselineLabel);
            if (baseline is null)
            {
                note = $"Baseline group '{baselineLabel}' has no value of {metric}; the best group is the baseline instead.";
            }
        }

        var chosen = baseline ?? Best(candidates, metric, goals)!;
        var rows = candidates
            .Where(g => !ReferenceEquals(g, chosen))
            .Select(g => (g, WelchComparison.Compare(g.Summary[metric], chosen.Summary[metric])))
            .ToList();
        return new GroupComparison(metric, goals.LowerIsBetter(metric), chosen, rows, note);
    }

    /// <summary>The group with the best mean of <paramref name="metric"/> (first in table order on a tie), or null.</summary>
    public static RunGroup? Best(IEnumerable<RunGroup> groups, string metric, MetricGoals goals)
    {
        RunGroup? best = null;
        var bestMean = double.NaN;

        // Decided once: the metric's name is split into words to decide it, which was done for every group (500 groups of
        // a large store, for each key metric of summary.md's tables and of the console summary).
        var lowerIsBetter = goals.LowerIsBetter(metric);
        foreach (var group in groups)
        {
            if (!group.Summary.TryGetValue(metric, out var stats) || stats.N == 0)
            {
                continue;
            }

            if (best is null || (lowerIsBetter ? stats.Mean < bestMean : stats.Mean > bestMean))
            {
                best = group;
                bestMean = stats.Mean;
            }
        }

        return best;
    }
}
