using Wandb.Grouping.Curves;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Buckets every run's history on the step axis with the grouping engine's <see cref="CurveBuilder"/>, one
/// shared grid per metric. Runtime and wall time ride along as two extra curves (<c>_runtime</c>,
/// <c>_timestamp</c>: the store rejects user metrics starting with '_', so the names cannot collide), which
/// lets the page plot any metric against runtime, wall time or another metric from the same buckets.
/// A finished run's buckets are kept in the store's curve cache (<see cref="RunStore.CurveCache"/>) at the page's
/// bucket bound, so the next refresh reads only the histories that changed; a page with more runs than that
/// coarsens them to its own count exactly as if the history had been read again.
/// </summary>
internal static class StepCurves
{
    public const string Runtime = CurveAxis.RuntimeName;
    public const string Timestamp = CurveAxis.TimestampName;

    /// <param name="store">Where the histories are, and the cache of runs bucketed before.</param>
    /// <param name="runs">The runs to chart.</param>
    /// <param name="buckets">The bucket count of each chart.</param>
    /// <param name="cachedBuckets">The bucket bound runs are cached with: the largest this page could ask for, so an entry serves later pages too.</param>
    public static IReadOnlyDictionary<string, MetricCurves> Build(RunStore store, IEnumerable<StoredRun> runs, int buckets, int cachedBuckets)
    {
        var builder = new CurveBuilder(CurveAxis.Step, buckets);
        var cache = store.CurveCache;
        foreach (var run in runs)
        {
            if (!run.MayHaveHistory)
            {
                builder.BeginRun(run.Id);
                continue;
            }

            // A live run's history grows while it is read: it is read every time, never cached.
            if (cache is null || run.State == RunState.Running || cache.Stamp(run.Id) is not { } stamp)
            {
                Collect(store, run.Id, builder.BeginRun(run.Id));
                continue;
            }

            if (cache.TryLoad(run.Id, stamp, CurveAxis.Step, buckets) is not { } collected)
            {
                collected = new RunCurveCollector(run.Id, CurveAxis.Step, Math.Max(buckets, cachedBuckets));
                Collect(store, run.Id, collected);
                cache.Save(stamp, collected);
            }

            builder.Add(collected);
        }

        return builder.Build();
    }

    private static void Collect(RunStore store, string runId, RunCurveCollector collector)
    {
        foreach (var row in store.ReadHistory(runId))
        {
            collector.Add(WithTimes(row));
        }
    }

    private static HistoryRow WithTimes(HistoryRow row)
    {
        var values = new Dictionary<string, double>(row.Values.Count + 2, StringComparer.Ordinal);
        foreach (var pair in row.Values)
        {
            values[pair.Key] = pair.Value;
        }

        values[Runtime] = row.Runtime;
        values[Timestamp] = row.Timestamp;
        return new HistoryRow(row.Step, row.Runtime, row.Timestamp, values);
    }
}
