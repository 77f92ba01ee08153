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

    public static int BucketsPerChart(IReadOnlyList<StoredRun> runs, HtmlReportOptions options)
    {
        if (runs.Count == 0)
        {
            return options.MaxBuckets;
        }

        // The summary holds the last logged value of every metric, so its numeric keys count the curves
        // before any history is read. Runtime and wall time add two curves per run.
        var seriesPerRun = runs.Average(r => r.Summary.Count(p => p.Value is double or float or int or long)) + 2;
        var buckets = (int)(PointBudget / (runs.Count * seriesPerRun));
        return Math.Min(options.MaxBuckets, Math.Max(options.MinBuckets, buckets));
    }
}
