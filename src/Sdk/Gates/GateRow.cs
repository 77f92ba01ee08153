using Wandb.Grouping.Statistics;

namespace Wandb.Gates;

/// <summary>
/// A verdict as the reports show it: the fields of one entry of runs.json's <c>gates</c>. The build keeps these in
/// the store (<see cref="GateRecords"/>) so that whichever MSBuild node writes the reports last shows every
/// project's verdicts.
/// </summary>
internal sealed record GateRow
{
    /// <summary>The project whose runs were gated.</summary>
    public required string Project { get; init; }

    public required string Metric { get; init; }

    public required string JobType { get; init; }

    public required string Group { get; init; }

    /// <summary>The baseline group's name or the baseline file's path as given; null without a baseline.</summary>
    public string? Baseline { get; init; }

    public required GateVerdict Verdict { get; init; }

    public required MetricStatistics Current { get; init; }

    public MetricStatistics? BaselineStats { get; init; }

    public double Difference { get; init; } = double.NaN;

    public double DifferenceCi95Low { get; init; } = double.NaN;

    public double DifferenceCi95High { get; init; } = double.NaN;

    public double P { get; init; } = double.NaN;

    public double Tolerance { get; init; }

    public string? Note { get; init; }

    /// <summary>Whether the baseline is a file rather than a group.</summary>
    public bool BaselineIsFile => Baseline is not null && BaselineFile.IsFilePath(Baseline);

    public static GateRow From(GateResult result, string project) => new()
    {
        Project = project,
        Metric = result.Metric,
        JobType = result.JobType,
        Group = result.Group,
        Baseline = result.Baseline?.Name,
        Verdict = result.Verdict,
        Current = result.Current,
        BaselineStats = result.BaselineStats,
        Difference = result.Difference,
        DifferenceCi95Low = result.Test?.Ci95Low ?? double.NaN,
        DifferenceCi95High = result.Test?.Ci95High ?? double.NaN,
        P = result.P,
        Tolerance = result.Tolerance,
        Note = result.Note,
    };
}
