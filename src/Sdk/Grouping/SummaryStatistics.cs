using System.Runtime.CompilerServices;
using Wandb.Grouping.Statistics;
using Wandb.Polyfills;
using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Grouping;

/// <summary>
/// Statistics of the runs' summary values, per metric. A metric counts as numeric when at least one run
/// has a number for it (NaN and infinities included); its strings, booleans and lists are then counted as
/// non-numeric, and its NaN and infinities as non-finite, and neither enters any statistic. Nested summary
/// values are flattened to <c>a.b</c> names, like config.
/// </summary>
internal static class SummaryStatistics
{
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static IReadOnlyDictionary<string, MetricStatistics> Of(IEnumerable<StoredRun> runs)
    {
        var finite = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var nonFinite = new Dictionary<string, int>(StringComparer.Ordinal);
        var nonNumeric = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var pair in ConfigFlattener.Flatten(run.Summary))
            {
                if (!TryNumber(pair.Value, out var number))
                {
                    if (pair.Value is not null)
                    {
                        nonNumeric[pair.Key] = nonNumeric.TryGetValue(pair.Key, out var count) ? count + 1 : 1;
                    }

                    continue;
                }

                if (!finite.TryGetValue(pair.Key, out var values))
                {
                    values = new List<double>();
                    finite[pair.Key] = values;
                }

                if (MetricStatistics.IsFinite(number))
                {
                    values.Add(number);
                }
                else
                {
                    nonFinite[pair.Key] = nonFinite.TryGetValue(pair.Key, out var count) ? count + 1 : 1;
                }
            }
        }

        var result = new SortedDictionary<string, MetricStatistics>(StringComparer.Ordinal);
        foreach (var pair in finite)
        {
            var array = pair.Value.ToArray();
            result[pair.Key] = MetricStatistics.OfFinite(
                array,
                array.Length,
                nonFinite.TryGetValue(pair.Key, out var nf) ? nf : 0,
                nonNumeric.TryGetValue(pair.Key, out var nn) ? nn : 0);
        }

        return result;
    }

    /// <summary>
    /// The statistics of one metric, exactly as <see cref="Of"/> gives them for it, or null where <see cref="Of"/> has
    /// none (no run has a number for it); for a caller that needs one metric of many groups, such as a trend.
    /// </summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static MetricStatistics? OfMetric(IEnumerable<StoredRun> runs, string metric)
    {
        var finite = new List<double>();
        var nonFinite = 0;
        var nonNumeric = 0;
        var numeric = false;
        foreach (var run in runs)
        {
            if (!ConfigFlattener.Flatten(run.Summary).TryGetValue(metric, out var value))
            {
                continue;
            }

            if (!TryNumber(value, out var number))
            {
                nonNumeric += value is null ? 0 : 1;
                continue;
            }

            numeric = true;
            if (MetricStatistics.IsFinite(number))
            {
                finite.Add(number);
            }
            else
            {
                nonFinite++;
            }
        }

        return numeric ? MetricStatistics.OfFinite(finite.ToArray(), finite.Count, nonFinite, nonNumeric) : null;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case double d:
                number = d;
                return true;
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            case float f:
                number = f;
                return true;
            case decimal m:
                number = (double)m;
                return true;
            default:
                number = 0;
                return false;
        }
    }
}
