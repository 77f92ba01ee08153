namespace Wandb.Grouping.Curves;

/// <summary>
/// The bucket widths of every chart: a base width times a power of two, with buckets aligned on whole
/// multiples of the width. Because widths only ever double and stay aligned, the buckets of one run can be
/// coarsened exactly (two neighbours become one) and runs bucketed separately, each as fine as its own
/// range allows, line up exactly on one shared grid afterwards. That is what lets history be streamed run by
/// run without a first pass to find the common x range.
/// </summary>
internal static class BucketScale
{
    /// <summary>Bucket indices stay below 2^62 so that index arithmetic never overflows a long.</summary>
    public const double MaxIndex = 4.611686018427388e18;

    /// <summary>x values beyond this magnitude are left out of charts (they would need absurd widths).</summary>
    public const double MaxAbsX = 1e18;

    /// <summary>Base width exponent: 1 for whole-step axes, 2^-20 (about a microsecond of runtime) otherwise.</summary>
    public static int BaseExponent(CurveAxis axis) => axis.IsInteger ? 0 : -20;

    /// <summary>The width of a bucket at <paramref name="exponent"/>; exact, since it is a power of two.</summary>
    public static double Width(int exponent) => Math.Pow(2, exponent);

    public static long Index(double x, int exponent) => (long)Math.Floor(x * Math.Pow(2, -exponent));

    /// <summary>The smallest exponent at or above <paramref name="exponent"/> at which <paramref name="x"/> has a representable index.</summary>
    public static int FitExponent(double x, int exponent)
    {
        while (Math.Abs(x) * Math.Pow(2, -exponent) >= MaxIndex)
        {
            exponent++;
        }

        return exponent;
    }

    /// <summary>floor(index / 2^levels), which is the index of the same x after <paramref name="levels"/> doublings of the width.</summary>
    public static long Coarsen(long index, int levels) => levels >= 63 ? (index < 0 ? -1 : 0) : index >> levels;
}
