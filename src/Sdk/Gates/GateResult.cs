using Wandb.Grouping.Statistics;

namespace Wandb.Gates;

/// <summary>The verdict of one rule for one job type of a group, with every number it was decided on.</summary>
internal sealed record GateResult
{
    public required GateRule Rule { get; init; }

    public required string JobType { get; init; }

    public required string Group { get; init; }

    public required GateVerdict Verdict { get; init; }

    /// <summary>The group's values of the metric for the job type.</summary>
    public required MetricStatistics Current { get; init; }

    /// <summary>The baseline, or null when there is none.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>The baseline's values of the metric for the job type, or null.</summary>
    public MetricStatistics? BaselineStats { get; init; }

    /// <summary>Welch's test of current minus baseline, or null without baseline values.</summary>
    public WelchComparison? Test { get; init; }

    /// <summary>The rule's tolerance in the metric's units (a percent tolerance applied to the baseline mean).</summary>
    public double Tolerance { get; init; }

    public bool LowerIsBetter { get; init; }

    /// <summary>Why the verdict is what it is when the numbers alone do not say (no baseline, too few runs, no spread).</summary>
    public string? Note { get; init; }

    public string Metric => Rule.Metric;

    /// <summary>Current mean minus baseline mean, or NaN.</summary>
    public double Difference => Test?.Difference ?? double.NaN;

    /// <summary>The two-sided p of Welch's test, or NaN when it could not be computed.</summary>
    public double P => Test?.P ?? double.NaN;
}
