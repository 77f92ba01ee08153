using System.Globalization;
using System.Text;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Makes user text safe for one console line: control characters (escape sequences that recolour or move
/// the cursor, bells, line breaks), the Unicode line and paragraph separators, and the bidirectional
/// overrides that reorder what a terminal shows are written as escapes (<c>\t</c>, <c>\u001B</c>) instead of
/// acting on the terminal. Escaped rather than dropped, so a reader sees that the text held them.
/// </summary>
internal static class ConsoleText
{
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                result.Append(c);
            }
            else if (c == '\t')
            {
                result.Append("\\t");
            }
            else
            {
                result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
