using System.Globalization;
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
            KeepDays = Limit("WandbRetentionDays", days),
            KeepGroups = Limit("WandbRetentionGroups", groups),
            DryRun = dryRun,
        };
        return policy.IsActive ? policy : null;
    }

    private static int? Limit(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!int.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            throw new ArgumentException($"{property} must be a whole number of at least 1, not '{value}'.", property);
        }

        return limit;
    }
}
