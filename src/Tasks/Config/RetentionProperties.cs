using Wandb.Storage.Retention;

namespace Wandb.Build.Tasks.Config;

/// <summary>Reads the <c>WandbRetention...</c> properties into a policy for the reports refreshed at the end of the build.</summary>
internal static class RetentionProperties
{
    /// <summary>The policy the properties ask for, or null when neither limit is set (retention is never on by default).</summary>
    /// <exception cref="ArgumentException">A property is not a whole number of at least 1 (the message names it and its value).</exception>
    public static RetentionPolicy? Parse(string? days, string? groups, bool dryRun)
    {
        var policy = new RetentionPolicy
        {
            KeepDays = WholeNumberProperty.Parse("WandbRetentionDays", days),
            KeepGroups = WholeNumberProperty.Parse("WandbRetentionGroups", groups),
            DryRun = dryRun,
        };
        return policy.IsActive ? policy : null;
    }
}
