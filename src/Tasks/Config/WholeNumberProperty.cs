using Wandb.Settings;

namespace Wandb.Build.Tasks.Config;

/// <summary>Reads a property that is a count (days, groups, runs): empty for none, else a whole number of at least 1.</summary>
internal static class WholeNumberProperty
{
    /// <returns>The number, or null when the property is empty.</returns>
    /// <exception cref="ArgumentException">The value is not a whole number of at least 1 (the message names the property and the value).</exception>
    public static int? Parse(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!CountSetting.TryParse(value!, out var number))
        {
            throw new ArgumentException($"{property} must be {CountSetting.Expected}, not '{value}'.", property);
        }

        return number;
    }
}
