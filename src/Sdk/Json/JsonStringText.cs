using System.Text;
using Newtonsoft.Json;

namespace Wandb.Json;

/// <summary>
/// A string's JSON text, quoted and escaped exactly as Newtonsoft's writer escapes it with
/// <see cref="StringEscapeHandling.Default"/> or <see cref="StringEscapeHandling.EscapeHtml"/> (the page's), without
/// the string writer <see cref="JsonConvert.ToString(string, char, StringEscapeHandling)"/> allocates for each call:
/// a page of 5,000 runs has tens of thousands of strings, and those writers were 12 MB of garbage and most of the
/// time of making their texts. Other escaping is left to Newtonsoft.
/// </summary>
internal static class JsonStringText
{
    private const string Hex = "0123456789abcdef";

    [ThreadStatic]
    private static StringBuilder? _builder;

    public static string Quote(string value, StringEscapeHandling escaping)
    {
        if (escaping is not (StringEscapeHandling.Default or StringEscapeHandling.EscapeHtml))
        {
            return JsonConvert.ToString(value, '"', escaping);
        }

        var html = escaping == StringEscapeHandling.EscapeHtml;
        var first = FirstToEscape(value, html);
        if (first == value.Length)
        {
            return string.Concat("\"", value, "\"");
        }

        var text = _builder ??= new StringBuilder();
        return AppendEscaped(text.Clear(), value, first, html).ToString();
    }

    /// <summary>
    /// Appends <paramref name="value"/> quoted and escaped as <see cref="Quote"/> makes it with
    /// <see cref="StringEscapeHandling.Default"/>, without a string of its own: for texts made of many strings.
    /// </summary>
    public static StringBuilder AppendQuoted(StringBuilder text, string value)
    {
        var first = FirstToEscape(value, html: false);
        return first == value.Length ? text.Append('"').Append(value).Append('"') : AppendEscaped(text, value, first, html: false);
    }

    private static int FirstToEscape(string value, bool html)
    {
        var first = 0;
        while (first < value.Length && !NeedsEscape(value[first], html))
        {
            first++;
        }

        return first;
    }

    /// <summary>Appends the quoted value whose first <paramref name="first"/> characters need no escape.</summary>
    private static StringBuilder AppendEscaped(StringBuilder text, string value, int first, bool html)
    {
        text.Append('"').Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                // The page's escaping writes a quote as a code, so no quote of a value can end an attribute.
                case '"': text.Append(html ? "\\u0022" : "\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (NeedsEscape(c, html))
                    {
                        text.Append("\\u").Append(Hex[(c >> 12) & 0xF]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"');
    }

    /// <summary>
    /// Quotes and backslashes, control characters, the line separators JavaScript ends lines at, and, for HTML, what
    /// could start markup or end an attribute.
    /// </summary>
    private static bool NeedsEscape(char c, bool html) =>
        c < ' ' || c == '"' || c == '\\' || c == '\u0085' || c == '\u2028' || c == '\u2029' || (html && (c == '<' || c == '>' || c == '&' || c == '\''));
}
