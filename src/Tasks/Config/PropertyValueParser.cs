using System.Globalization;

namespace Wandb.Build.Tasks.Config;

/// <summary>
/// Types the text of an MSBuild property so that <c>-p:Trees=200</c> is stored as the number 200 and
/// <c>-p:LearningRate=0.1</c> as 0.1: reports group and sort config columns by value, and "200" and 200
/// would otherwise be different groups. MSBuild text is culture-neutral, so parsing is too.
/// </summary>
internal static class PropertyValueParser
{
    public static object Parse(string text)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var real)
            && !double.IsInfinity(real))
        {
            return real;
        }

        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return text;
    }
}
