using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// The bucket count B of the page's charts. Curve points dominate the file size, so B shrinks as runs and
/// metrics grow: 1,000 runs with 8 metrics stay well under 10 MB. Small stores get the engine's full B.
/// </summary>
internal static class HtmlBudget
{
    /// <summary>Numbers the page may hold for all curves together (about 7 bytes each once written).</summary>
    public const int PointBudget = 900_000;

    /// <summary>
    /// The runs whose curves the page holds. Each curve keeps at least <see cref="HtmlReportOptions.MinBuckets"/> points,
    /// so past <see cref="PointBudget"/> / (curves per run × that) runs with a history the page would outgrow its budget
    /// (20,000 runs of 4 metrics: about 17 MB): curves then go to whole groups, in the order the report's detail takes
    /// them (<see cref="ReportDetail"/>: the focus groups always, the baseline group, then the most recent groups), and
    /// the other runs keep their rows without curves. Runs without a history cost no points and are always kept.
    /// </summary>
    /// <returns><paramref name="runs"/> itself when every curve fits, else the runs kept, in the order given.</returns>
    public static IReadOnlyList<StoredRun> CurveRuns(IReadOnlyList<StoredRun> runs, HtmlReportOptions options)
    {
        var charted = runs.Where(r => r.MayHaveHistory).ToList();
        if (charted.Count == 0)
        {
            return runs;
        }

        var room = (long)(PointBudget / (SeriesPerRun(charted) * options.MinBuckets));
        if (charted.Count <= room)
        {
            return runs;
        }

        // A run without a group is a unit of its own (no group name holds a NUL).
        var units = charted.GroupBy(r => r.Group ?? "\0" + r.Id, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var kept = new HashSet<StoredRun>(
            DetailOrder.Take(units, u => u[0].Group, u => u.Count, u => u.Max(r => r.CreatedAt), u => u[0].Group ?? u[0].Id, options.FocusGroups, options.BaselineGroup, room)
                .SelectMany(u => u));
        return runs.Where(r => !r.MayHaveHistory || kept.Contains(r)).ToList();
    }

    /// <summary>
    /// The bucket count of every chart: the point budget shared among the runs with a history. Runs without one (test
    /// results beside the trained runs in a repository's store) draw no curve, so they leave the charts their buckets:
    /// counting them gave 20 trained runs beside 5,000 test results about 60 buckets a chart instead of 1,000.
    /// </summary>
    public static int BucketsPerChart(IReadOnlyList<StoredRun> runs, HtmlReportOptions options)
    {
        var charted = runs.Where(r => r.MayHaveHistory).ToList();
        if (charted.Count == 0)
        {
            return options.MaxBuckets;
        }

        var buckets = (int)(PointBudget / (charted.Count * SeriesPerRun(charted)));
        return Math.Min(options.MaxBuckets, Math.Max(options.MinBuckets, buckets));
    }

    // The summary holds the last logged value of every metric, so its numeric keys count the curves
    // before any history is read. Runtime and wall time add two curves per run.
    private static double SeriesPerRun(IReadOnlyList<StoredRun> runs) =>
        runs.Average(r => r.Summary.Count(p => p.Value is double or float or int or long)) + 2;
}
