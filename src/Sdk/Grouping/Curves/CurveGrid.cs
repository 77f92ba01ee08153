namespace Wandb.Grouping.Curves;

/// <summary>
/// The shared x grid of one chart (one metric on one axis): <see cref="Count"/> buckets of equal
/// <see cref="Width"/>, bucket i covering [<see cref="X"/>(i), X(i) + Width). At most the builder's bucket
/// count (B, default 1000); widths are powers of two (whole steps on <c>_step</c>), so a chart has between
/// B/2 and B buckets unless the data is finer than that.
/// </summary>
internal sealed class CurveGrid
{
    public CurveGrid(CurveAxis axis, string metric, int exponent, long first, int count)
    {
        Axis = axis;
        Metric = metric;
        Exponent = exponent;
        First = first;
        Count = count;
        Width = BucketScale.Width(exponent);
    }

    public CurveAxis Axis { get; }

    public string Metric { get; }

    public int Exponent { get; }

    /// <summary>Aligned index of bucket 0.</summary>
    public long First { get; }

    public int Count { get; }

    public double Width { get; }

    /// <summary>The lower bound of bucket <paramref name="bucket"/>; with one step per bucket it is the step itself.</summary>
    public double X(int bucket) => (First + bucket) * Width;

    /// <summary>Lower bounds of every bucket.</summary>
    public double[] XValues()
    {
        var xs = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            xs[i] = X(i);
        }

        return xs;
    }
}
