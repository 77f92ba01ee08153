namespace Wandb.Grouping.Curves;

/// <summary>Which per-bucket statistic a group's line follows.</summary>
internal enum CurveLine
{
    /// <summary>Mean across the group's runs (default, as in W&amp;B).</summary>
    Mean,

    /// <summary>Median across the group's runs.</summary>
    Median,

    /// <summary>Lowest run.</summary>
    Min,

    /// <summary>Highest run.</summary>
    Max,
}
