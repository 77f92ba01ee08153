using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Reads data-row argument values: from the JSON values MSTest serialises for each data row, or, when a
/// platform gives none, from the display name (<c>Fold (3,"a b")</c>, or xUnit's <c>Fold(fold: 3)</c>).
/// </summary>
internal static class ArgumentValues
{
    /// <summary>One argument: its name when the source names it (xUnit display names do), and its value.</summary>
    public sealed record Parsed(string? Name, object? Value);

    /// <summary>Parses one JSON-serialised value; text that is not JSON is kept as the string it is.</summary>
    public static object? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            var token = JToken.Parse(json);
            // The two-argument overload: vstest.console loads its own Newtonsoft.Json 13.0.3, which lacks the newer one.
            return token is JValue value ? value.Value : token.ToString(Formatting.None, Array.Empty<JsonConverter>());
        }
        catch (JsonReaderException)
        {
            return json;
        }
    }

    /// <summary>The arguments between the outermost parentheses at the end of a display name; empty when there are none.</summary>
    public static IReadOnlyList<Parsed> FromDisplayName(string displayName)
    {
        var trimmed = displayName.TrimEnd();
        var open = trimmed.IndexOf('(');
        if (open < 0 || !trimmed.EndsWith(")", StringComparison.Ordinal))
        {
            return Array.Empty<Parsed>();
        }

        var inner = trimmed.Substring(open + 1, trimmed.Length - open - 2);
        return SplitTopLevel(inner).Select(ParseOne).ToList();
    }

    private static Parsed ParseOne(string part)
    {
        var text = part.Trim();
        string? name = null;
        var colon = text.IndexOf(':');
        if (colon > 0 && IsIdentifier(text.Substring(0, colon)))
        {
            name = text.Substring(0, colon);
            text = text.Substring(colon + 1).Trim();
        }

        if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
        {
            return new Parsed(name, FromJson(text) as string ?? text.Substring(1, text.Length - 2));
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return new Parsed(name, integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new Parsed(name, number);
        }

        return text switch
        {
            "True" or "true" => new Parsed(name, true),
            "False" or "false" => new Parsed(name, false),
            "null" => new Parsed(name, null),
            _ => new Parsed(name, text),
        };
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        if (text.Trim().Length == 0)
        {
            yield break;
        }

        var depth = 0;
        var quoted = false;
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return current.ToString();
                    current.Clear();
                    continue;
            }

            current.Append(c);
        }

        yield return current.ToString();
    }
}
