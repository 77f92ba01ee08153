using Wandb.Storage;

namespace Wandb.Grouping.Curves;

/// <summary>Buckets the history of one run on one x axis, every metric separately, as its rows stream in.</summary>
internal sealed class RunCurveCollector
{
    private readonly CurveAxis _axis;
    private readonly int _maxBuckets;
    private readonly int _baseExponent;
    private readonly Dictionary<string, RunMetricBuckets> _metrics = new(StringComparer.Ordinal);
    private long _seq;

    public RunCurveCollector(string runId, CurveAxis axis, int maxBuckets)
    {
        RunId = runId;
        _axis = axis;
        _maxBuckets = maxBuckets;
        _baseExponent = BucketScale.BaseExponent(axis);
    }

    public string RunId { get; }

    /// <summary>Rows left out because they had no finite x on the axis.</summary>
    public long RowsWithoutX { get; private set; }

    public IReadOnlyDictionary<string, RunMetricBuckets> Metrics => _metrics;

    public void Add(HistoryRow row)
    {
        if (!_axis.TryGetX(row, out var x) || Math.Abs(x) > BucketScale.MaxAbsX)
        {
            RowsWithoutX++;
            return;
        }

        var seq = ++_seq;
        foreach (var pair in row.Values)
        {
            if (pair.Key == _axis.Name)
            {
                continue;
            }

            if (!_metrics.TryGetValue(pair.Key, out var buckets))
            {
                buckets = new RunMetricBuckets(_baseExponent, _maxBuckets);
                _metrics[pair.Key] = buckets;
            }

            var value = pair.Value;
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                buckets.CountNonFinite();
            }
            else
            {
                buckets.Add(x, value, seq);
            }
        }
    }
}
