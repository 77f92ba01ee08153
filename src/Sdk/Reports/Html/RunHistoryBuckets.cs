namespace Wandb.Reports.Html;

/// <summary>
/// One run's history reduced to at most a fixed number of buckets of consecutive rows: per bucket the step,
/// runtime and wall time of its last row and the last finite value of each metric (null where none).
/// </summary>
internal sealed class RunHistoryBuckets
{
    public RunHistoryBuckets(int count)
    {
        Steps = new long[count];
        Runtimes = new double[count];
        WallTimes = new double[count];
        Filled = new bool[count];
    }

    /// <summary>Whether any row fell into the bucket (the row count may overstate a run still being written).</summary>
    public bool[] Filled { get; }

    public long[] Steps { get; }

    public double[] Runtimes { get; }

    /// <summary>Unix seconds (<c>_timestamp</c>).</summary>
    public double[] WallTimes { get; }

    public Dictionary<string, double?[]> Metrics { get; } = new(StringComparer.Ordinal);

    public int Count => Steps.Length;
}
