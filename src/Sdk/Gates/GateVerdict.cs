namespace Wandb.Gates;

/// <summary>What a gate rule found for one job type of a group, in the manner of benchstat.</summary>
internal enum GateVerdict
{
    /// <summary>Worse than the baseline by more than the tolerance, and significantly so.</summary>
    Regressed,

    /// <summary>Significantly better than the baseline.</summary>
    Improved,

    /// <summary>Not significantly different, or within the tolerance.</summary>
    Unchanged,

    /// <summary>The group mean is below the rule's Min.</summary>
    BelowMin,

    /// <summary>The group mean is above the rule's Max.</summary>
    AboveMax,

    /// <summary>No baseline group or file has the metric for this job type.</summary>
    NoBaseline,

    /// <summary>Fewer than two values on a side: the means were compared with the tolerance only, and were within it.</summary>
    InsufficientData,
}
