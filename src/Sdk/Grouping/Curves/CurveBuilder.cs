using Wandb.Storage;

namespace Wandb.Grouping.Curves;

/// <summary>
/// Builds the charts of one x axis from run histories streamed one run at a time. Each run is bucketed as
/// finely as its own range allows (at most B buckets per metric), then <see cref="Build"/> picks, per metric,
/// the finest power-of-two width at which every run fits in B buckets and coarsens each run onto it exactly.
/// Memory: O(runs x metrics x B), never the rows themselves.
/// </summary>
internal sealed class CurveBuilder
{
    /// <summary>The default bucket count B of a chart.</summary>
    public const int DefaultMaxBuckets = 1000;

    private readonly List<RunCurveCollector> _runs = new();

    public CurveBuilder(CurveAxis axis, int maxBuckets = DefaultMaxBuckets)
    {
        if (maxBuckets < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBuckets), maxBuckets, "A chart needs at least 2 buckets.");
        }

        Axis = axis;
        MaxBuckets = maxBuckets;
    }

    public CurveAxis Axis { get; }

    public int MaxBuckets { get; }

    /// <summary>Starts a run; feed its rows to the returned collector in history order.</summary>
    public RunCurveCollector BeginRun(string runId)
    {
        var collector = new RunCurveCollector(runId, Axis, MaxBuckets);
        _runs.Add(collector);
        return collector;
    }

    /// <summary>
    /// Adds a run bucketed elsewhere (a cache of earlier reports) on this builder's axis, coarsened to this builder's
    /// bucket count: the charts are then the same as if its history had been streamed through <see cref="BeginRun"/>.
    /// </summary>
    public void Add(RunCurveCollector collector)
    {
        if (collector.Axis.Name != Axis.Name || collector.MaxBuckets < MaxBuckets)
        {
            throw new ArgumentException($"Run '{collector.RunId}' was bucketed on {collector.Axis.Name} into at most {collector.MaxBuckets} buckets; this chart is on {Axis.Name} with {MaxBuckets}.", nameof(collector));
        }

        collector.FitWithin(MaxBuckets);
        _runs.Add(collector);
    }

    /// <summary>Buckets one run's whole history.</summary>
    public void AddRun(string runId, IEnumerable<HistoryRow> history)
    {
        var collector = BeginRun(runId);
        foreach (var row in history)
        {
            collector.Add(row);
        }
    }

    /// <summary>The charts of every metric any run logged, keyed by metric name (ordinal order).</summary>
    public IReadOnlyDictionary<string, MetricCurves> Build()
    {
        var metrics = new SortedDictionary<string, MetricCurves>(StringComparer.Ordinal);
        var names = _runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            metrics[name] = BuildMetric(name);
        }

        return metrics;
    }

    private MetricCurves BuildMetric(string metric)
    {
        var parts = _runs
            .Select(r => (Run: r, Buckets: r.Metrics.TryGetValue(metric, out var b) ? b : null))
            .Where(p => p.Buckets is not null && p.Buckets.Span > 0)
            .Select(p => (p.Run, Buckets: p.Buckets!))
            .ToList();
        var nonFiniteOnly = _runs
            .Where(r => r.Metrics.TryGetValue(metric, out var b) && b.Span == 0)
            .Select(r => (r.RunId, r.Metrics[metric].NonFinite))
            .ToList();
        if (parts.Count == 0)
        {
            var empty = new CurveGrid(Axis, metric, BucketScale.BaseExponent(Axis), 0, 0);
            return new MetricCurves(empty, nonFiniteOnly.Select(p => new RunCurve(p.RunId, Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), 0, p.NonFinite)).ToList());
        }

        var exponent = parts.Max(p => p.Buckets.Exponent);
        long first;
        long last;
        while (true)
        {
            first = long.MaxValue;
            last = long.MinValue;
            foreach (var (_, buckets) in parts)
            {
                var levels = exponent - buckets.Exponent;
                first = Math.Min(first, BucketScale.Coarsen(buckets.First, levels));
                last = Math.Max(last, BucketScale.Coarsen(buckets.First + buckets.Span - 1, levels));
            }

            if (last - first + 1 <= MaxBuckets)
            {
                break;
            }

            exponent++;
        }

        var grid = new CurveGrid(Axis, metric, exponent, first, (int)(last - first + 1));
        var curves = new List<RunCurve>(parts.Count + nonFiniteOnly.Count);
        foreach (var (run, buckets) in parts)
        {
            curves.Add(Project(run.RunId, buckets, grid));
        }

        foreach (var (runId, nonFinite) in nonFiniteOnly)
        {
            curves.Add(new RunCurve(runId, Gaps(grid.Count), Gaps(grid.Count), Gaps(grid.Count), 0, nonFinite));
        }

        return new MetricCurves(grid, curves);
    }

    private static RunCurve Project(string runId, RunMetricBuckets buckets, CurveGrid grid)
    {
        var levels = grid.Exponent - buckets.Exponent;
        var last = Gaps(grid.Count);
        var min = Gaps(grid.Count);
        var max = Gaps(grid.Count);
        var lastSeq = new long[grid.Count];
        for (var i = 0; i < buckets.Span; i++)
        {
            if (!buckets.TryGet(i, out var value, out var seq, out var low, out var high))
            {
                continue;
            }

            var target = (int)(BucketScale.Coarsen(buckets.First + i, levels) - grid.First);
            if (lastSeq[target] == 0)
            {
                last[target] = value;
                lastSeq[target] = seq;
                min[target] = low;
                max[target] = high;
                continue;
            }

            if (seq > lastSeq[target])
            {
                last[target] = value;
                lastSeq[target] = seq;
            }

            min[target] = Math.Min(min[target], low);
            max[target] = Math.Max(max[target], high);
        }

        return new RunCurve(runId, last, min, max, buckets.Points, buckets.NonFinite);
    }

    private static double[] Gaps(int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = double.NaN;
        }

        return values;
    }
}
