using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Streams a run's history once and keeps at most <c>buckets</c> points of it: rows are split into buckets
/// of consecutive rows by position (the row count is known from the store), so no second pass is needed.
/// </summary>
internal static class HistoryDownsampler
{
    public static RunHistoryBuckets Downsample(IEnumerable<HistoryRow> rows, long rowCount, int buckets)
    {
        var count = (int)Math.Max(0, Math.Min(rowCount, buckets));
        var result = new RunHistoryBuckets(count);
        if (count == 0)
        {
            return result;
        }

        long index = 0;
        foreach (var row in rows)
        {
            // The count can lag behind rows still being written: late rows join the last bucket.
            var bucket = (int)Math.Min(count - 1, index * count / rowCount);
            index++;
            result.Filled[bucket] = true;
            result.Steps[bucket] = row.Step;
            result.Runtimes[bucket] = row.Runtime;
            result.WallTimes[bucket] = row.Timestamp;
            foreach (var pair in row.Values)
            {
                if (double.IsNaN(pair.Value) || double.IsInfinity(pair.Value))
                {
                    continue;   // a chart has no place for them; the summary still reports them
                }

                if (!result.Metrics.TryGetValue(pair.Key, out var values))
                {
                    values = new double?[count];
                    result.Metrics[pair.Key] = values;
                }

                values[bucket] = pair.Value;
            }
        }

        return result;
    }
}
