using System.Runtime.CompilerServices;
using Wandb.Polyfills;
namespace Wandb.Grouping.Statistics;

/// <summary>
/// What a group's values of one metric look like: n, mean, median, min, max, sample std dev (n-1),
/// std err and the 95% confidence interval of the mean from Student's t. Statistics that need more
/// values than there are (std dev of one value) are NaN. Values that were NaN, infinite or not numbers
/// at all are counted in <see cref="NonFinite"/> and <see cref="NonNumeric"/> and left out of every statistic.
/// </summary>
internal sealed class MetricStatistics
{
    public static readonly MetricStatistics Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0);

    public MetricStatistics(int n, double mean, double median, double min, double max, double std, int nonFinite, int nonNumeric)
    {
        N = n;
        Mean = mean;
        Median = median;
        Min = min;
        Max = max;
        Std = std;
        StdErr = n >= 2 ? std / Math.Sqrt(n) : double.NaN;
        var half = n >= 2 ? StudentT.Critical95(n - 1) * StdErr : double.NaN;
        Ci95Low = mean - half;
        Ci95High = mean + half;
        NonFinite = nonFinite;
        NonNumeric = nonNumeric;
    }

    /// <summary>Number of finite values the statistics are computed from.</summary>
    public int N { get; }

    public double Mean { get; }

    public double Median { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>Sample standard deviation (n-1); NaN below two values.</summary>
    public double Std { get; }

    /// <summary>Std / sqrt(n); NaN below two values.</summary>
    public double StdErr { get; }

    /// <summary>Mean - t(0.975, n-1) * StdErr; NaN below two values.</summary>
    public double Ci95Low { get; }

    /// <summary>Mean + t(0.975, n-1) * StdErr; NaN below two values.</summary>
    public double Ci95High { get; }

    /// <summary>Values that were NaN or infinite, left out.</summary>
    public int NonFinite { get; }

    /// <summary>Values that were not numbers (strings, booleans, lists), left out.</summary>
    public int NonNumeric { get; }

    /// <summary>
    /// The statistics of the values of several samples together, from each sample's statistics: n, the counts, the
    /// extremes, the mean (weighted) and the sample std dev (within-sample plus between-sample sums of squares) as the
    /// values would give them, up to rounding; the median only when a single sample has values, undefined otherwise.
    /// </summary>
    public static MetricStatistics Combine(IReadOnlyList<MetricStatistics> parts)
    {
        var withValues = parts.Where(p => p.N > 0).ToList();
        var nonFinite = parts.Sum(p => p.NonFinite);
        var nonNumeric = parts.Sum(p => p.NonNumeric);
        if (withValues.Count <= 1)
        {
            var only = withValues.Count == 1 ? withValues[0] : Empty;
            return new MetricStatistics(only.N, only.Mean, only.Median, only.Min, only.Max, only.Std, nonFinite, nonNumeric);
        }

        var n = withValues.Sum(p => p.N);
        var mean = withValues.Sum(p => p.N * p.Mean) / n;
        var squares = withValues.Sum(p => ((p.N - 1) * (p.N >= 2 ? p.Std * p.Std : 0)) + (p.N * (p.Mean - mean) * (p.Mean - mean)));
        return new MetricStatistics(n, mean, double.NaN, withValues.Min(p => p.Min), withValues.Max(p => p.Max), Math.Sqrt(squares / (n - 1)), nonFinite, nonNumeric);
    }

    /// <summary>Statistics of <paramref name="values"/>; non-finite ones are counted and skipped.</summary>
    public static MetricStatistics Of(IEnumerable<double> values, int nonNumeric = 0)
    {
        var finite = new List<double>();
        var nonFinite = 0;
        foreach (var value in values)
        {
            if (IsFinite(value))
            {
                finite.Add(value);
            }
            else
            {
                nonFinite++;
            }
        }

        var array = finite.ToArray();
        return OfFinite(array, array.Length, nonFinite, nonNumeric);
    }

    /// <summary>
    /// Statistics of the first <paramref name="count"/> values of <paramref name="scratch"/>, all finite.
    /// Sorts that part of the array in place, so a caller can reuse one buffer for every bucket. The values are summed
    /// in sorted order, so the result depends only on the values, not on the order they came in: a group's statistics
    /// are the same to the last bit whether the runs were listed by id, by creation time, read by SQL or kept in the
    /// folder store's group index.
    /// </summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static MetricStatistics OfFinite(double[] scratch, int count, int nonFinite = 0, int nonNumeric = 0)
    {
        if (count == 0)
        {
            return nonFinite == 0 && nonNumeric == 0 ? Empty : new MetricStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, nonFinite, nonNumeric);
        }

        // Squared deviations of values near 1e-300 underflow to 0 and those near 1e308 overflow; scaling by a
        // power of two (exact) so the largest magnitude is about 1 keeps every digit at both ends.
        Array.Sort(scratch, 0, count);
        var scale = Scale(scratch, count);
        var moments = default(RunningMoments);
        for (var i = 0; i < count; i++)
        {
            moments.Add(scratch[i] * scale);
        }

        var mid = count / 2;
        var median = count % 2 == 1 ? scratch[mid] : Midpoint(scratch[mid - 1], scratch[mid]);
        var std = Math.Sqrt(moments.Variance) / scale;
        return new MetricStatistics(count, moments.Mean / scale, median, scratch[0], scratch[count - 1], std, nonFinite, nonNumeric);
    }

    private static double Scale(double[] values, int count)
    {
        var largest = 0.0;
        for (var i = 0; i < count; i++)
        {
            largest = Math.Max(largest, Math.Abs(values[i]));
        }

        if (largest == 0 || (largest > 1e-100 && largest < 1e100))
        {
            return 1;
        }

        return Math.Pow(2, -Math.Floor(Math.Log(largest, 2)));
    }

    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    // a/2 + b/2 rather than (a+b)/2: two values near double.MaxValue would overflow their sum.
    private static double Midpoint(double a, double b) => a == b ? a : (a / 2) + (b / 2);
}
