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

    // Rows of one history usually carry the same keys in the same order, and the parser shares one string
    // per key: remembering which buckets the key at each position went to skips the dictionary lookup.
    private string?[] _recentKeys = new string?[8];
    private RunMetricBuckets?[] _recentBuckets = new RunMetricBuckets?[8];

    public RunCurveCollector(string runId, CurveAxis axis, int maxBuckets)
    {
        RunId = runId;
        _axis = axis;
        _maxBuckets = maxBuckets;
        _baseExponent = BucketScale.BaseExponent(axis);
    }

    /// <summary>A run bucketed earlier, as <see cref="Wandb.Storage.Curves.CurveCacheCodec"/> reads it back.</summary>
    internal RunCurveCollector(string runId, CurveAxis axis, int maxBuckets, long rowsWithoutX, IEnumerable<KeyValuePair<string, RunMetricBuckets>> metrics)
        : this(runId, axis, maxBuckets)
    {
        RowsWithoutX = rowsWithoutX;
        foreach (var pair in metrics)
        {
            _metrics.Add(pair.Key, pair.Value);
        }
    }

    public string RunId { get; }

    public CurveAxis Axis => _axis;

    /// <summary>The most buckets each metric was collected into.</summary>
    public int MaxBuckets => _maxBuckets;

    /// <summary>Rows left out because they had no finite x on the axis.</summary>
    public long RowsWithoutX { get; private set; }

    public IReadOnlyDictionary<string, RunMetricBuckets> Metrics => _metrics;

    /// <summary>Coarsens every metric to at most <paramref name="maxBuckets"/> buckets (<see cref="RunMetricBuckets.FitWithin"/>).</summary>
    public void FitWithin(int maxBuckets)
    {
        foreach (var buckets in _metrics.Values)
        {
            buckets.FitWithin(maxBuckets);
        }
    }

    public void Add(HistoryRow row) => Add(row, withTimes: false);

    /// <summary>
    /// Adds the row's values and, as two more metrics after them, its runtime and wall time (<c>_runtime</c>,
    /// <c>_timestamp</c>), which lets the page plot a metric against either from the same buckets. The store rejects
    /// user metrics starting with '_', so the names cannot collide.
    /// </summary>
    public void AddWithTimes(HistoryRow row) => Add(row, withTimes: true);

    private void Add(HistoryRow row, bool withTimes)
    {
        if (!_axis.TryGetX(row, out var x) || Math.Abs(x) > BucketScale.MaxAbsX)
        {
            RowsWithoutX++;
            return;
        }

        var seq = ++_seq;
        var position = 0;
        if (row.Values is HistoryValues values)
        {
            for (; position < values.Count; position++)
            {
                Add(values.KeyAt(position), values.ValueAt(position), x, seq, position);
            }
        }
        else
        {
            foreach (var pair in row.Values)
            {
                Add(pair.Key, pair.Value, x, seq, position++);
            }
        }

        if (withTimes)
        {
            Add(CurveAxis.RuntimeName, row.Runtime, x, seq, position);
            Add(CurveAxis.TimestampName, row.Timestamp, x, seq, position + 1);
        }
    }

    private void Add(string key, double value, double x, long seq, int position)
    {
        if (key == _axis.Name)
        {
            return;
        }

        RunMetricBuckets? buckets = null;
        if (position < _recentKeys.Length && ReferenceEquals(_recentKeys[position], key))
        {
            buckets = _recentBuckets[position];
        }

        if (buckets is null)
        {
            if (!_metrics.TryGetValue(key, out buckets))
            {
                buckets = new RunMetricBuckets(_baseExponent, _maxBuckets);
                _metrics[key] = buckets;
            }

            if (position >= _recentKeys.Length)
            {
                Array.Resize(ref _recentKeys, Math.Max(position + 1, _recentKeys.Length * 2));
                Array.Resize(ref _recentBuckets, _recentKeys.Length);
            }

            _recentKeys[position] = key;
            _recentBuckets[position] = buckets;
        }

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
