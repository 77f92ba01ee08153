using System.Collections.Concurrent;

namespace Wandb.Grouping.Statistics;

/// <summary>Student's t distribution: two-sided tail probabilities and quantiles for any degrees of freedom &gt; 0.</summary>
internal static class StudentT
{
    /// <summary>The normal distribution's 97.5% quantile.</summary>
    private const double Normal975 = 1.959963984540054;

    /// <summary>
    /// A Halley step this small (relative to the root) leaves an error of about its cube, far below a double's rounding
    /// (1e-21 against 1e-16): the root is found to the CDF's own precision.
    /// </summary>
    private const double CubedBelowRounding = 1e-7;

    // Confidence intervals are computed per bucket of every chart, always with whole degrees of freedom:
    // caching the quantile by df turns thousands of root searches into a handful.
    private static readonly ConcurrentDictionary<int, double> Critical95ByDf = new();

    /// <summary>The expansion's terms in 1/df, 1/df², 1/df³ and 1/df⁴ at the normal 97.5% quantile (<see cref="Critical95Expansion"/>).</summary>
    private static readonly double[] Expansion975 = ExpansionTerms(Normal975);

    /// <summary>P(T &lt;= t) for <paramref name="df"/> degrees of freedom.</summary>
    public static double Cdf(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || df <= 0)
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(t))
        {
            return 1;
        }

        if (double.IsNegativeInfinity(t))
        {
            return 0;
        }

        var tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / (df + (t * t)), df / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>P(|T| &gt;= |t|): the two-sided p-value of a t statistic.</summary>
    public static double TwoSidedP(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || df <= 0)
        {
            return double.NaN;
        }

        return double.IsInfinity(t) ? 0 : SpecialFunctions.RegularizedIncompleteBeta(df / (df + (t * t)), df / 2, 0.5);
    }

    /// <summary>The t with P(T &lt;= t) = <paramref name="p"/>, found on the CDF by Newton's steps within a bracket (monotonic, so it always converges).</summary>
    public static double Quantile(double p, double df)
    {
        if (double.IsNaN(p) || double.IsNaN(df) || df <= 0 || p <= 0 || p >= 1)
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }

        if (p < 0.5)
        {
            return -Quantile(1 - p, df);
        }

        if (p == 0.5)
        {
            return 0;
        }

        var low = 0.0;
        var high = 1.0;
        while (Cdf(high, df) < p)
        {
            low = high;
            high *= 2;
            if (high > 1e300)
            {
                return double.PositiveInfinity;
            }
        }

        return Refine(p, df, (low + high) / 2, low, high);
    }

    /// <summary>
    /// Halley's steps on the CDF from <paramref name="x"/>, kept inside the bracket [<paramref name="low"/>,
    /// <paramref name="high"/>] (a step that leaves it bisects instead, or doubles while the bracket has no upper end):
    /// a handful of CDF evaluations instead of the fifty a bisection to 1e-15 takes. Above the median the CDF is concave,
    /// so the steps converge from any start there. A report comparing 500 groups with Welch's test (whose degrees of
    /// freedom are never whole, so never cached) spent about 50 ms here with a bisection, and 1.5 ms of each refresh of a
    /// 100,000-run store with Newton's steps (four CDF evaluations from the expansion's start, perf).
    /// Halley's step uses the density's slope too, which the t density gives for free (its log-derivative is
    /// -(df + 1) t / (df + t²)), and triples the correct digits per step where Newton's doubles them: from the expansion's
    /// start (within 1e-3) one step lands within about 1e-9, so the next step's size bounds the error left after it by
    /// its cube, and a step under <see cref="CubedBelowRounding"/> ends the search with nothing left to gain: two CDF
    /// evaluations.
    /// </summary>
    private static double Refine(double p, double df, double x, double low, double high)
    {
        var logScale = DensityLogScale(df);
        for (var i = 0; i < 200; i++)
        {
            var f = Cdf(x, df) - p;
            if (f == 0)
            {
                return x;
            }

            if (f < 0)
            {
                low = x;
            }
            else
            {
                high = x;
            }

            var newton = f / Density(x, df, logScale);
            var halley = 1 + (0.5 * newton * (df + 1) * x / (df + (x * x)));

            // Far from the root the correction can turn the step around: Newton's step is taken there instead.
            var cubic = halley > 0.5;
            var next = cubic ? x - (newton / halley) : x - newton;
            if (!(next > low && next < high))
            {
                cubic = false;
                next = double.IsPositiveInfinity(high) ? 2 * x : (low + high) / 2;
            }

            var step = Math.Abs(next - x);
            if (step <= 1e-15 * Math.Max(1, x) || (cubic && step <= CubedBelowRounding * Math.Max(1, x))
                || (!double.IsPositiveInfinity(high) && high - low <= 1e-15 * Math.Max(1, high)))
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    /// <summary>The density of Student's t at <paramref name="t"/>, given <see cref="DensityLogScale"/> of the same <paramref name="df"/>.</summary>
    private static double Density(double t, double df, double logScale) =>
        Math.Exp(logScale - ((df + 1) / 2 * Math.Log(1 + (t * t / df))));

    /// <summary>The log of the density's normalising constant: it depends on the degrees of freedom only, so each Newton step need not compute its two log-gammas again.</summary>
    private static double DensityLogScale(double df) =>
        SpecialFunctions.LogGamma((df + 1) / 2) - SpecialFunctions.LogGamma(df / 2) - (0.5 * Math.Log(df * Math.PI));

    /// <summary>The two-sided 95% critical value t(0.975, df), cached for whole df.</summary>
    public static double Critical95(double df)
    {
        // The t distribution of infinitely many degrees of freedom is the normal one (its CDF below would be 0/0 there).
        if (double.IsPositiveInfinity(df))
        {
            return Normal975;
        }

        if (df >= 1 && df == Math.Floor(df) && df <= int.MaxValue)
        {
            return Critical95ByDf.GetOrAdd((int)df, d => Quantile(0.975, d));
        }

        // Welch's degrees of freedom are never whole: each comparison of groups solves for its own. Starting from the
        // Cornish-Fisher expansion (within 0.1% from 5 degrees of freedom on) takes two evaluations of the CDF instead of
        // seven or eight from the bracket [1, 2].
        return df >= 1 ? Refine(0.975, df, Critical95Expansion(df), 0, double.PositiveInfinity) : Quantile(0.975, df);
    }

    /// <summary>
    /// t(0.975, df) by the Cornish-Fisher expansion around the normal quantile (Abramowitz and Stegun 26.7.5): an
    /// approximation that improves with the degrees of freedom, used as a start only.
    /// </summary>
    private static double Critical95Expansion(double df) =>
        Normal975 + ((Expansion975[0] + ((Expansion975[1] + ((Expansion975[2] + (Expansion975[3] / df)) / df)) / df)) / df);

    private static double[] ExpansionTerms(double z)
    {
        var z3 = z * z * z;
        var z5 = z3 * z * z;
        var z7 = z5 * z * z;
        var z9 = z7 * z * z;
        return new[]
        {
            (z3 + z) / 4,
            ((5 * z5) + (16 * z3) + (3 * z)) / 96,
            ((3 * z7) + (19 * z5) + (17 * z3) - (15 * z)) / 384,
            ((79 * z9) + (776 * z7) + (1482 * z5) - (1920 * z3) - (945 * z)) / 92160,
        };
    }
}
