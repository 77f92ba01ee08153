namespace Wandb.Grouping.Curves;

/// <summary>The shaded band around a group's line.</summary>
internal enum CurveBand
{
    /// <summary>No band.</summary>
    None,

    /// <summary>From the lowest to the highest run.</summary>
    MinMax,

    /// <summary>Mean ± sample standard deviation.</summary>
    Std,

    /// <summary>Mean ± standard error.</summary>
    StdErr,

    /// <summary>The 95% confidence interval of the mean (Student's t).</summary>
    Ci95,
}
