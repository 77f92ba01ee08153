using System.Globalization;

namespace Wandb.Reports;

/// <summary>
/// What the reports say when runs are summarised only (<see cref="ReportDetail"/>): one wording for runs.json,
/// summary.md, the console and the page, so each says the same thing about what was left out and how to see it.
/// </summary>
internal static class OmittedNote
{
    /// <summary>The settings that show summarised runs in full. Plain text that is also inert Markdown (no user string, no tag).</summary>
    public const string How =
        "To see them in full, raise the budget (ReportOptions.MaxDetailRuns, the MSBuild property WandbMaxDetailRuns, " +
        "the test logger parameter max_detail_runs, or dotnet wandb report --max-detail-runs N), or name their group " +
        "(ReportOptions.FocusGroups, or dotnet wandb report --group NAME: its runs are then shown in full whatever the budget).";

    /// <summary>Why runs are missing from the run rows and the curves, with the counts.</summary>
    public static string Reason(ReportDetail detail, int runs) =>
        $"{Count(detail.OmittedRuns)} of {Count(runs)} runs ({Count(detail.SummaryOnly.Count)} {(detail.SummaryOnly.Count == 1 ? "group" : "groups")} without any run shown in full) " +
        "are counted in their group's aggregates (runs, states, statistics of summary metrics) but have no run rows or curves, " +
        $"to keep the reports within the budget of {Count(detail.Budget)} runs shown in full " +
        "(the focus groups always, then the baseline group, then the most recent groups).";

    /// <summary>The console's line.</summary>
    public static string ConsoleLine(ReportDetail detail) =>
        $"{Count(detail.OmittedRuns)} run(s) in {Count(detail.SummaryOnly.Count)} other group(s) are summarised only (budget: {Count(detail.Budget)} runs shown in full); " +
        "WandbMaxDetailRuns, max_detail_runs or dotnet wandb report --max-detail-runs raises it (docs/reports.md#budgets)";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
