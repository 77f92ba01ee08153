using Wandb.Grouping.Statistics;
using Wandb.Reports;

namespace Wandb.Gates;

/// <summary>
/// The one line a build or test run prints for a verdict: the metric, job type, group, baseline, both means with n
/// and 95% CI, the difference with its 95% CI, p, and the rule, so a failed CI job says why without the report.
/// </summary>
internal static class GateMessage
{
    public static string Format(GateResult result)
    {
        var text = new System.Text.StringBuilder();
        text.Append($"{result.Metric} of job type {result.JobType} in group {result.Group}: {result.Verdict.ToName()}");
        text.Append(Headline(result));
        text.Append($". Group: {Stats(result.Current)}");
        if (result.BaselineStats is { } baseline)
        {
            text.Append($"; {result.Baseline!.Describe()}: {Stats(baseline)}");
            text.Append($"; difference {NumberText.Format(result.Difference)}");
            if (result.Test is { IsDefined: true } test)
            {
                text.Append($" (95% CI {NumberText.Format(test.Ci95Low)} to {NumberText.Format(test.Ci95High)}), {PText(test.P)} (Welch's t-test)");
            }
        }
        else if (result.Baseline is not null)
        {
            text.Append($"; {result.Baseline.Describe()}");
        }

        if (result.Note is not null)
        {
            text.Append($"; {result.Note}");
        }

        text.Append($". Rule: {result.Rule.Describe(result.LowerIsBetter)}.");
        return text.ToString();
    }

    private static string Headline(GateResult result) => result.Verdict switch
    {
        GateVerdict.Regressed => $" ({(result.LowerIsBetter ? "higher" : "lower")} than the baseline by more than the tolerance {NumberText.Format(result.Tolerance)})",
        GateVerdict.BelowMin => $" (mean below Min {NumberText.Format(result.Rule.Min!.Value)})",
        GateVerdict.AboveMax => $" (mean above Max {NumberText.Format(result.Rule.Max!.Value)})",
        _ => string.Empty,
    };

    private static string PText(double p)
    {
        var text = NumberText.P(p);
        return text.StartsWith("<", StringComparison.Ordinal) ? "p " + text : "p = " + text;
    }

    private static string Stats(MetricStatistics stats)
    {
        var ci = stats.N >= 2 ? $", 95% CI {NumberText.Format(stats.Ci95Low)} to {NumberText.Format(stats.Ci95High)}" : string.Empty;
        return $"mean {NumberText.Format(stats.Mean)} (n={stats.N}{ci})";
    }
}
