using Wandb.Grouping.Statistics;

namespace Wandb.Grouping.Curves;

/// <summary>
/// A group's curve of one metric: per bucket of the shared grid, statistics of the runs' last values in
/// that bucket. Buckets where no run has a value are NaN with n = 0 (gaps); a run that ended early simply
/// stops counting towards n.
/// </summary>
internal sealed class GroupCurve
{
    private GroupCurve(CurveGrid grid, int runs)
    {
        Grid = grid;
        Runs = runs;
        var count = grid.Count;
        N = new int[count];
        Mean = new double[count];
        Median = new double[count];
        Min = new double[count];
        Max = new double[count];
        Std = new double[count];
        StdErr = new double[count];
        Ci95Low = new double[count];
        Ci95High = new double[count];
    }

    public CurveGrid Grid { get; }

    /// <summary>Runs that contributed at least one bucket.</summary>
    public int Runs { get; }

    public int[] N { get; }

    public double[] Mean { get; }

    public double[] Median { get; }

    public double[] Min { get; }

    public double[] Max { get; }

    public double[] Std { get; }

    public double[] StdErr { get; }

    public double[] Ci95Low { get; }

    public double[] Ci95High { get; }

    public static GroupCurve Of(CurveGrid grid, IReadOnlyList<RunCurve> runs)
    {
        var curve = new GroupCurve(grid, runs.Count);
        var scratch = new double[Math.Max(1, runs.Count)];
        for (var bucket = 0; bucket < grid.Count; bucket++)
        {
            var count = 0;
            foreach (var run in runs)
            {
                var value = run.Last[bucket];
                if (!double.IsNaN(value))
                {
                    scratch[count++] = value;
                }
            }

            var stats = MetricStatistics.OfFinite(scratch, count);
            curve.N[bucket] = stats.N;
            curve.Mean[bucket] = stats.Mean;
            curve.Median[bucket] = stats.Median;
            curve.Min[bucket] = stats.Min;
            curve.Max[bucket] = stats.Max;
            curve.Std[bucket] = stats.Std;
            curve.StdErr[bucket] = stats.StdErr;
            curve.Ci95Low[bucket] = stats.Ci95Low;
            curve.Ci95High[bucket] = stats.Ci95High;
        }

        return curve;
    }

    public double[] Line(CurveLine line) => line switch
    {
        CurveLine.Median => Median,
        CurveLine.Min => Min,
        CurveLine.Max => Max,
        _ => Mean,
    };

    /// <summary>The lower and upper edge of <paramref name="band"/>, or null for <see cref="CurveBand.None"/>. Std and StdErr bands surround the mean.</summary>
    public (double[] Low, double[] High)? Band(CurveBand band)
    {
        switch (band)
        {
            case CurveBand.MinMax:
                return (Min, Max);
            case CurveBand.Ci95:
                return (Ci95Low, Ci95High);
            case CurveBand.Std:
                return Around(Std);
            case CurveBand.StdErr:
                return Around(StdErr);
            default:
                return null;
        }
    }

    private (double[] Low, double[] High) Around(double[] spread)
    {
        var low = new double[Mean.Length];
        var high = new double[Mean.Length];
        for (var i = 0; i < Mean.Length; i++)
        {
            low[i] = Mean[i] - spread[i];
            high[i] = Mean[i] + spread[i];
        }

        return (low, high);
    }
}
