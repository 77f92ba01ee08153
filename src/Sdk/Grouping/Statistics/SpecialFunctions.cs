namespace Wandb.Grouping.Statistics;

/// <summary>
/// The log-gamma and regularized incomplete beta functions that Student's t distribution is built on.
/// Written here rather than taken from a numerics package because the SDK loads inside MSBuild and
/// vstest, where every extra dependency is a version conflict waiting to happen.
/// </summary>
internal static class SpecialFunctions
{
    // Lanczos approximation (g = 7, n = 9): about 15 significant digits for positive arguments.
    private static readonly double[] Lanczos =
    {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };

    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>I_x(a, b), the regularized incomplete beta function, for a, b &gt; 0 and 0 &lt;= x &lt;= 1.</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (double.IsNaN(x) || double.IsNaN(a) || double.IsNaN(b) || a <= 0 || b <= 0)
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x));
        var front = Math.Exp(logFront);

        // The continued fraction converges quickly only on one side of the mean a/(a+b); use the symmetry
        // I_x(a, b) = 1 - I_{1-x}(b, a) on the other side.
        if (x < (a + 1) / (a + b + 2))
        {
            return front * BetaContinuedFraction(x, a, b) / a;
        }

        return 1 - (front * BetaContinuedFraction(1 - x, b, a) / b);
    }

    /// <summary>The continued fraction of the incomplete beta function, evaluated with the modified Lentz method.</summary>
    private static double BetaContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        const double Epsilon = 1e-16;
        var c = 1.0;
        var d = 1 - ((a + b) * x / (a + 1));
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var result = d;
        for (var m = 1; m <= 1000; m++)
        {
            var m2 = 2 * m;

            // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
            var numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + (numerator * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (numerator / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            result *= d * c;

            // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + (numerator * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (numerator / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < Epsilon)
            {
                break;
            }
        }

        return result;
    }
}
