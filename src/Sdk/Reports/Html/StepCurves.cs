using Wandb.Grouping.Curves;
using Wandb.Storage;
using Wandb.Storage.Curves;

namespace Wandb.Reports.Html;

/// <summary>
/// Buckets every run's history on the step axis with the grouping engine's <see cref="CurveBuilder"/>, one
/// shared grid per metric. Runtime and wall time ride along as two extra curves (<c>_runtime</c>,
/// <c>_timestamp</c>, <see cref="RunCurveCollector.AddWithTimes"/>), which lets the page plot any metric against
/// runtime, wall time or another metric from the same buckets.
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
        // Runs are bucketed on every core the store's reads allow, each coarsened to the page's count at once, so at
        // most a run per core is held at the cache's finer bound. A live run's history grows while it is read: it is
        // read every time, never cached. A run without a history (a test result) has no point on any chart, so it is
        // left out: the 4,800 test results a large store's page shows beside a build's 20 runs took an empty collector
        // each and a look-up per chart (about 2 ms of the page).
        var charted = runs.Where(r => r.MayHaveHistory).ToList();
        var cache = store.CurveCache;
        var stamps = cache?.Stamps(charted.Where(r => r.State != RunState.Running).Select(r => r.Id).ToList());
        var collected = new RunCurveCollector[charted.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = store.HistoryReaders };
        Parallel.For(0, charted.Count, options, i =>
        {
            var run = charted[i];
            collected[i] = cache is not null && stamps!.TryGetValue(run.Id, out var stamp) ? Cached(store, cache, run.Id, stamp, buckets, cachedBuckets)
                : Read(store, run.Id, buckets);
        });

        var builder = new CurveBuilder(CurveAxis.Step, buckets);
        foreach (var run in collected)
        {
            builder.Add(run);
        }

        return builder.Build();
    }

    /// <summary>The run from its cache entry, or read from its history into a new entry; coarsened to the page's count.</summary>
    private static RunCurveCollector Cached(RunStore store, RunCurveCache cache, string runId, string stamp, int buckets, int cachedBuckets)
    {
        if (cache.TryLoad(runId, stamp, CurveAxis.Step, buckets) is not { } collected)
        {
            collected = Read(store, runId, Math.Max(buckets, cachedBuckets));
            cache.Save(stamp, collected);
        }

        collected.FitWithin(buckets);
        return collected;
    }

    private static RunCurveCollector Read(RunStore store, string runId, int buckets)
    {
        var collector = new RunCurveCollector(runId, CurveAxis.Step, buckets);
        foreach (var row in store.ReadHistory(runId))
        {
            collector.AddWithTimes(row);
        }

        return collector;
    }
}
