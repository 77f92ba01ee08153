namespace Wandb.Grouping.Statistics;

/// <summary>
/// Welch's t-test of two samples with unequal variances: the difference of means (a - b), its 95%
/// confidence interval, t, the Welch-Satterthwaite degrees of freedom and the two-sided p-value.
/// Everything but the difference is NaN when a sample has fewer than two values or both have no spread.
/// </summary>
internal sealed class WelchComparison
{
    private WelchComparison(int countA, int countB, double meanA, double meanB, double difference, double t, double df, double p, double ciLow, double ciHigh)
    {
        CountA = countA;
        CountB = countB;
        MeanA = meanA;
        MeanB = meanB;
        Difference = difference;
        T = t;
        Df = df;
        P = p;
        Ci95Low = ciLow;
        Ci95High = ciHigh;
    }

    public int CountA { get; }

    public int CountB { get; }

    public double MeanA { get; }

    public double MeanB { get; }

    /// <summary>MeanA - MeanB.</summary>
    public double Difference { get; }

    public double T { get; }

    public double Df { get; }

    /// <summary>Two-sided p-value.</summary>
    public double P { get; }

    public double Ci95Low { get; }

    public double Ci95High { get; }

    /// <summary>Whether t, df and p could be computed.</summary>
    public bool IsDefined => !double.IsNaN(P);

    /// <summary>Compares the finite values of <paramref name="a"/> with those of <paramref name="b"/>; non-finite values are left out.</summary>
    public static WelchComparison Compare(IEnumerable<double> a, IEnumerable<double> b)
    {
        var ma = Moments(a);
        var mb = Moments(b);
        var difference = ma.Count > 0 && mb.Count > 0 ? ma.Mean - mb.Mean : double.NaN;
        if (ma.Count < 2 || mb.Count < 2)
        {
            return Undefined(ma, mb, difference);
        }

        var va = ma.Variance / ma.Count;
        var vb = mb.Variance / mb.Count;
        var se2 = va + vb;
        if (!(se2 > 0))
        {
            return Undefined(ma, mb, difference);
        }

        var se = Math.Sqrt(se2);
        var t = difference / se;
        var df = se2 * se2 / ((va * va / (ma.Count - 1)) + (vb * vb / (mb.Count - 1)));
        var p = StudentT.TwoSidedP(t, df);
        var half = StudentT.Critical95(df) * se;
        return new WelchComparison((int)ma.Count, (int)mb.Count, ma.Mean, mb.Mean, difference, t, df, p, difference - half, difference + half);
    }

    private static WelchComparison Undefined(RunningMoments a, RunningMoments b, double difference) =>
        new((int)a.Count, (int)b.Count, a.Count > 0 ? a.Mean : double.NaN, b.Count > 0 ? b.Mean : double.NaN, difference, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    private static RunningMoments Moments(IEnumerable<double> values)
    {
        var moments = default(RunningMoments);
        foreach (var value in values)
        {
            if (MetricStatistics.IsFinite(value))
            {
                moments.Add(value);
            }
        }

        return moments;
    }
}
