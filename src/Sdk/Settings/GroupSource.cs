namespace Wandb.Settings;

/// <summary>Where a group name came from, in precedence order.</summary>
internal enum GroupSource
{
    Explicit,
    Environment,
    ContinuousIntegration,
    Generated,
}
