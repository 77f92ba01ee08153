using System.Globalization;

namespace Wandb.Settings;

/// <summary>
/// Reads a setting that counts something (days, groups, runs) the same way wherever it is given: an MSBuild
/// property, a test logger parameter. Digits only, at least 1; signs, fractions, exponents and thousands
/// separators are refused, so "1e3" or "-1" never passes as a limit that deletes or hides runs.
/// </summary>
internal static class CountSetting
{
    /// <summary>The wording every front end uses in its error or warning.</summary>
    public const string Expected = "a whole number of at least 1";

    /// <summary>Parses <paramref name="text"/> (surrounding spaces ignored).</summary>
    /// <returns>False when it is not a whole number of at least 1.</returns>
    public static bool TryParse(string text, out int count) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1;
}
