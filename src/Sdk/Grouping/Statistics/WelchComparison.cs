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
        return Compare(ma.Count, ma.Count > 0 ? ma.Mean : double.NaN, ma.Variance, mb.Count, mb.Count > 0 ? mb.Mean : double.NaN, mb.Variance);
    }

    /// <summary>
    /// Compares two samples known only by their statistics (a baseline file keeps n, mean and std, not the values):
    /// the same test as on the values themselves.
    /// </summary>
    public static WelchComparison Compare(MetricStatistics a, MetricStatistics b) =>
        Compare(a.N, a.Mean, a.Std * a.Std, b.N, b.Mean, b.Std * b.Std);

    private static WelchComparison Compare(long countA, double meanA, double varianceA, long countB, double meanB, double varianceB)
    {
        var difference = countA > 0 && countB > 0 ? meanA - meanB : double.NaN;
        if (countA < 2 || countB < 2)
        {
            return Undefined(countA, countB, meanA, meanB, difference);
        }

        var va = varianceA / countA;
        var vb = varianceB / countB;
        var se2 = va + vb;
        if (!(se2 > 0))
        {
            return Undefined(countA, countB, meanA, meanB, difference);
        }

        var se = Math.Sqrt(se2);
        var t = difference / se;
        var df = se2 * se2 / ((va * va / (countA - 1)) + (vb * vb / (countB - 1)));
        if (!MetricStatistics.IsFinite(df))
        {
            // The squares left the range of a double (values around 1e-100 or 1e100: 0/0 or ∞/∞). The same df from each
            // sample's share of the variance, whose squares lie in [0, 1]; the form above is kept for every other case,
            // so every figure reports showed stays the same to the bit.
            var shareA = va / se2;
            var shareB = vb / se2;
            df = 1 / ((shareA * shareA / (countA - 1)) + (shareB * shareB / (countB - 1)));
        }

        var p = StudentT.TwoSidedP(t, df);
        var half = StudentT.Critical95(df) * se;
        return new WelchComparison((int)countA, (int)countB, meanA, meanB, difference, t, df, p, difference - half, difference + half);
    }

    private static WelchComparison Undefined(long countA, long countB, double meanA, double meanB, double difference) =>
        new((int)countA, (int)countB, countA > 0 ? meanA : double.NaN, countB > 0 ? meanB : double.NaN, difference, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

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
