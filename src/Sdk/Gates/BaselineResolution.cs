namespace Wandb.Gates;

/// <summary>The baseline found for a group, or why there is none.</summary>
internal sealed record BaselineResolution(Baseline? Baseline, string? Missing)
{
    public static BaselineResolution Found(Baseline baseline) => new(baseline, null);

    public static BaselineResolution None(string why) => new(null, why);
}
