using Wandb.Gates;
using Wandb.Storage;

namespace Wandb.Reports.Markdown;

/// <summary>
/// summary.md's gate table, first in the file: one row per rule and job type with ✅ (unchanged, improved),
/// ⚠️ (no baseline, insufficient data) or ❌ (regressed, below Min, above Max), both means, the difference with
/// its 95% CI and p, so a CI job summary answers "did the model get worse?" before anything else; then per gated
/// metric and job type a short trend of the project's last groups with the baseline marked.
/// </summary>
internal static class GateMarkdown
{
    /// <summary>Groups shown in each trend table, the gated one included.</summary>
    private const int TrendGroups = 5;

    public static void Table(BoundedMarkdown md, IReadOnlyCollection<GateRow> results, IReadOnlyList<StoredRun> runs)
    {
        if (results.Count == 0)
        {
            return;
        }

        var failed = results.Count(r => r.Verdict.Fails());
        md.Line(failed > 0 ? $"## ❌ Quality gate: {failed} of {results.Count} failed" : $"## Quality gate: {results.Count} passed");
        md.Line();
        foreach (var row in results.Where(r => r.Baseline is not null).GroupBy(r => r.Baseline).Select(g => g.First()))
        {
            md.Line($"Compared with the baseline {(row.BaselineIsFile ? "file" : "group")} {MarkdownText.Escape(row.Baseline)}.");
            md.Line();
        }

        md.Line("| | metric | job type | group | verdict | mean (n) | baseline mean (n) | difference (95% CI) | p |");
        md.Line("| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var result in results)
        {
            var baseline = result.BaselineStats is { } b ? $"{NumberText.Format(b.Mean)} ({b.N})" : NumberText.Undefined;
            var difference = double.IsNaN(result.DifferenceCi95Low)
                ? NumberText.Format(result.Difference)
                : $"{NumberText.Format(result.Difference)} ({NumberText.Format(result.DifferenceCi95Low)} to {NumberText.Format(result.DifferenceCi95High)})";
            var cells = new[]
            {
                Icon(result.Verdict),
                MarkdownText.Escape(result.Metric),
                MarkdownText.Escape(result.JobType),
                MarkdownText.Escape(result.Group),
                result.Verdict.ToName(),
                $"{NumberText.Format(result.Current.Mean)} ({result.Current.N})",
                baseline,
                difference,
                NumberText.P(result.P),
            };
            md.Line("| " + string.Join(" | ", cells) + " |");
        }

        md.Line();
        // The trends come from one pass over the runs, not one per verdict: a rule without JobType gates every job type.
        var trends = GateTrend.Series(results.ToList(), runs, Array.Empty<StoredRun>(), keyMetric: null, baselineGroup: null, TrendGroups, int.MaxValue);
        foreach (var trend in trends.GroupBy(t => (t.Metric, t.JobType)).Select(g => g.First()))
        {
            Trend(md, trend.Metric, trend.JobType, trend.Points);
        }
    }

    private static void Trend(BoundedMarkdown md, string metric, string jobType, IReadOnlyList<TrendPoint> points)
    {
        if (points.Count < 2)
        {
            return;
        }

        md.Line($"Trend of {MarkdownText.Escape(metric)} ({MarkdownText.Escape(jobType)}), last {points.Count} groups, oldest first:");
        md.Line();
        md.Line("| group | started | mean (n) | 95% CI |");
        md.Line("| --- | --- | ---: | ---: |");
        foreach (var point in points)
        {
            var mark = point.IsCurrent ? " (this build)" : point.IsBaseline ? " (baseline)" : string.Empty;
            var ci = point.Stats.N >= 2 ? $"{NumberText.Format(point.Stats.Ci95Low)} to {NumberText.Format(point.Stats.Ci95High)}" : NumberText.Undefined;
            md.Line($"| {MarkdownText.Escape(point.Group)}{mark} | {point.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} | {NumberText.Format(point.Stats.Mean)} ({point.Stats.N}) | {ci} |");
        }

        md.Line();
    }

    private static string Icon(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Regressed or GateVerdict.BelowMin or GateVerdict.AboveMax => "❌",
        GateVerdict.NoBaseline or GateVerdict.InsufficientData => "⚠️",
        _ => "✅",
    };
}
