using Wandb.Grouping;
using Wandb.Grouping.Statistics;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// Decides each rule for each job type of a group against a baseline, in the manner of benchstat: a change is
/// a regression only when it is in the bad direction, larger than the tolerance and significant by Welch's
/// t-test at the rule's confidence; floors on the group mean are checked first.
/// </summary>
internal static class GateEvaluator
{
    /// <param name="rules">The rules, in the order they were written.</param>
    /// <param name="group">The group being gated.</param>
    /// <param name="groupRuns">The group's runs (of one project).</param>
    /// <param name="baseline">What the group is compared with, or null.</param>
    /// <param name="goals">The naming rule for rules without a Direction.</param>
    /// <param name="missing">Why there is no baseline, for the verdicts' notes.</param>
    public static IReadOnlyList<GateResult> Evaluate(IReadOnlyList<GateRule> rules, string group, IReadOnlyCollection<StoredRun> groupRuns, Baseline? baseline, MetricGoals goals, string? missing = null)
    {
        var byJobType = groupRuns
            .Where(r => r.JobType is not null)
            .GroupBy(r => r.JobType!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => SummaryStatistics.Of(g), StringComparer.Ordinal);
        var results = new List<GateResult>();
        foreach (var rule in rules)
        {
            var lowerIsBetter = rule.LowerIsBetter ?? goals.LowerIsBetter(rule.Metric);
            var jobTypes = rule.JobType is not null
                ? new[] { rule.JobType }
                : byJobType.Where(p => p.Value.TryGetValue(rule.Metric, out var s) && s.N > 0).Select(p => p.Key).ToArray();
            foreach (var jobType in jobTypes)
            {
                var current = byJobType.TryGetValue(jobType, out var metrics) && metrics.TryGetValue(rule.Metric, out var stats) ? stats : MetricStatistics.Empty;
                results.Add(Decide(rule, jobType, group, current, baseline, lowerIsBetter, missing));
            }
        }

        return results;
    }

    public static GateResult Decide(GateRule rule, string jobType, string group, MetricStatistics current, Baseline? baseline, bool lowerIsBetter, string? missing = null)
    {
        var baselineStats = baseline?.Find(jobType, rule.Metric);
        var test = baselineStats is null || current.N == 0 ? null : WelchComparison.Compare(current, baselineStats);
        // A percent tolerance means nothing in the metric's units without a baseline mean.
        var tolerance = baselineStats is not null ? rule.Tolerance.Absolute(baselineStats.Mean) : rule.Tolerance.IsPercent ? double.NaN : rule.Tolerance.Value;
        var result = new GateResult
        {
            Rule = rule,
            JobType = jobType,
            Group = group,
            Verdict = GateVerdict.Unchanged,
            Current = current,
            Baseline = baseline,
            BaselineStats = baselineStats,
            Test = test,
            Tolerance = tolerance,
            LowerIsBetter = lowerIsBetter,
        };

        if (current.N == 0)
        {
            return result with { Verdict = GateVerdict.InsufficientData, Note = $"no run of job type {jobType} in group {group} has a number for {rule.Metric}" };
        }

        if (rule.Min is { } min && current.Mean < min)
        {
            return result with { Verdict = GateVerdict.BelowMin };
        }

        if (rule.Max is { } max && current.Mean > max)
        {
            return result with { Verdict = GateVerdict.AboveMax };
        }

        if (baselineStats is null || test is null)
        {
            var why = baseline is null ? "no baseline: " + (missing ?? "none was found") : $"the {baseline.Describe()} has no value of {rule.Metric} for job type {jobType}";
            return result with { Verdict = GateVerdict.NoBaseline, Note = why };
        }

        // Positive when the group is worse than the baseline.
        var worse = lowerIsBetter ? test.Difference : -test.Difference;
        if (current.N < 2 || baselineStats.N < 2)
        {
            var note = $"n < 2 on a side (group n={current.N}, baseline n={baselineStats.N}), so the means were compared with the tolerance only, without a significance test";
            return result with { Verdict = worse > tolerance ? GateVerdict.Regressed : GateVerdict.InsufficientData, Note = note };
        }

        bool significant;
        string? spread = null;
        if (test.IsDefined)
        {
            significant = test.P < 1 - rule.Confidence;
        }
        else
        {
            // Both sides without spread (a deterministic model): any difference is exact, none is noise.
            significant = test.Difference != 0;
            spread = "neither side varies, so any difference is exact";
        }

        var verdict = significant && worse > 0 && worse > tolerance ? GateVerdict.Regressed
            : significant && worse < 0 ? GateVerdict.Improved
            : GateVerdict.Unchanged;
        return result with { Verdict = verdict, Note = spread };
    }
}
