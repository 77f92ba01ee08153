namespace Wandb.Sdk.Tests.Gates;

/// <summary>
/// Welch's t-test computed apart from the SDK: two-pass sample variances, and the t distribution's tail from the
/// substitution x = sqrt(df) tan(theta), under which the density is proportional to cos^(df-1)(theta), integrated
/// with Simpson's rule. No log-gamma, no incomplete beta, nothing shared with the code under test.
/// </summary>
internal sealed record IndependentWelch(double Difference, double T, double Df, double P, double Ci95Low, double Ci95High)
{
    public static IndependentWelch Of(double[] a, double[] b) =>
        FromMoments(a.Length, a.Average(), Variance(a), b.Length, b.Average(), Variance(b));

    public static IndependentWelch FromMoments(int na, double meanA, double varianceA, int nb, double meanB, double varianceB)
    {
        var va = varianceA / na;
        var vb = varianceB / nb;
        var se = Math.Sqrt(va + vb);
        var difference = meanA - meanB;
        var t = difference / se;
        var df = (va + vb) * (va + vb) / ((va * va / (na - 1)) + (vb * vb / (nb - 1)));
        var critical = Critical(0.05, df);
        return new IndependentWelch(difference, t, df, TwoSidedP(t, df), difference - (critical * se), difference + (critical * se));
    }

    public static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    /// <summary>95% CI of a mean: mean ± t(0.975, n-1) s / sqrt(n).</summary>
    public static (double Low, double High) MeanCi95(double[] values)
    {
        var half = Critical(0.05, values.Length - 1) * Math.Sqrt(Variance(values) / values.Length);
        return (values.Average() - half, values.Average() + half);
    }

    public static double TwoSidedP(double t, double df)
    {
        var theta = Math.Atan(Math.Abs(t) / Math.Sqrt(df));
        return Integrate(df, theta, Math.PI / 2) / Integrate(df, 0, Math.PI / 2);
    }

    /// <summary>The t whose two-sided p is <paramref name="alpha"/>, by bisection.</summary>
    public static double Critical(double alpha, double df)
    {
        double low = 0, high = 100;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (TwoSidedP(mid, df) > alpha)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    private static double Integrate(double df, double from, double to)
    {
        const int Intervals = 20_000;
        var h = (to - from) / Intervals;
        var sum = F(from) + F(to);
        for (var i = 1; i < Intervals; i++)
        {
            sum += F(from + (i * h)) * (i % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3;

        double F(double theta) => Math.Pow(Math.Max(Math.Cos(theta), 0), df - 1);
    }
}
