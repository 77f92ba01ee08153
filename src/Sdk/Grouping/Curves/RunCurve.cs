namespace Wandb.Grouping.Curves;

/// <summary>
/// One run's values of one metric on a chart's shared grid: per bucket the last value logged in it (what
/// group statistics use), and the min and max (so spikes survive when an ungrouped run is drawn
/// downsampled). NaN marks a bucket where the run logged nothing: a gap, never a zero, and never filled in
/// after the run ended.
/// </summary>
internal sealed class RunCurve
{
    public RunCurve(string runId, double[] last, double[] min, double[] max, long points, long nonFinite)
    {
        RunId = runId;
        Last = last;
        Min = min;
        Max = max;
        Points = points;
        NonFinite = nonFinite;
    }

    public string RunId { get; }

    public double[] Last { get; }

    public double[] Min { get; }

    public double[] Max { get; }

    /// <summary>Finite values the run logged for this metric.</summary>
    public long Points { get; }

    /// <summary>NaN or infinite values the run logged for this metric, left out of the chart.</summary>
    public long NonFinite { get; }
}
