namespace Wandb.Grouping.Statistics;

/// <summary>
/// Count, mean, sum of squared deviations, min and max of a stream of finite numbers, updated with
/// Welford's method so that values of very different magnitude (1e12 + small noise) keep their precision;
/// <see cref="Merge"/> combines two partial results with Chan's formula, so partial results computed
/// separately (per file, per thread) give the same answer as one pass.
/// </summary>
internal struct RunningMoments
{
    public long Count { get; private set; }

    public double Mean { get; private set; }

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2 { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    /// <summary>Sample variance (n-1 in the denominator); NaN below two values.</summary>
    public readonly double Variance => Count < 2 ? double.NaN : M2 / (Count - 1);

    public void Add(double value)
    {
        Count++;
        if (Count == 1)
        {
            Mean = value;
            M2 = 0;
            Min = value;
            Max = value;
            return;
        }

        var delta = value - Mean;
        Mean += delta / Count;
        M2 += delta * (value - Mean);
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    public static RunningMoments Merge(RunningMoments a, RunningMoments b)
    {
        if (a.Count == 0)
        {
            return b;
        }

        if (b.Count == 0)
        {
            return a;
        }

        var count = a.Count + b.Count;
        var delta = b.Mean - a.Mean;
        return new RunningMoments
        {
            Count = count,
            Mean = a.Mean + (delta * b.Count / count),
            M2 = a.M2 + b.M2 + (delta * delta * ((double)a.Count * b.Count / count)),
            Min = Math.Min(a.Min, b.Min),
            Max = Math.Max(a.Max, b.Max),
        };
    }
}
