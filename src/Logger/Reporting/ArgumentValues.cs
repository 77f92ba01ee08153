using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Testing;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Reads data-row argument values: from the JSON values MSTest serialises for each data row, or, when a
/// platform gives none, from the display name (<c>Fold (3,"a b")</c>, NUnit's <c>Fold(3,0.1d)</c>, or
/// xUnit's <c>Fold(fold: 3)</c>), each argument a C# literal (<see cref="CSharpLiteral"/>).
/// </summary>
internal static class ArgumentValues
{
    /// <summary>One argument: its name when the source names it (xUnit display names do), its value, and the literal it was read from.</summary>
    public sealed record Parsed(string? Name, object? Value, string? Literal = null);

    /// <summary>Parses one JSON-serialised value; arrays become lists, objects dictionaries; text that is not JSON is kept as the string it is.</summary>
    public static object? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            // Dates stay the strings the test was given.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader);
            return reader.Read() ? json : FromToken(token);
        }
        catch (JsonReaderException)
        {
            return json;
        }
    }

    /// <summary>The arguments of the argument list that ends a display name; empty when there is none.</summary>
    public static IReadOnlyList<Parsed> FromDisplayName(string displayName)
    {
        var trimmed = displayName.TrimEnd();
        var withoutArguments = TestRunNames.WithoutArguments(trimmed);
        if (withoutArguments.Length == trimmed.Length)
        {
            return Array.Empty<Parsed>();
        }

        var open = trimmed.IndexOf('(', withoutArguments.Length);
        var inner = trimmed.Substring(open + 1, trimmed.Length - open - 2);
        return SplitTopLevel(inner).Select(ParseOne).ToList();
    }

    /// <summary>
    /// MSTest's serialised values, except where the display name shows an enum member by name: MSTest
    /// serialises an enum as its number, and the name is what a user groups by.
    /// </summary>
    public static IReadOnlyList<Parsed> Merge(IReadOnlyList<object?> serialised, string displayName)
    {
        var shown = FromDisplayName(displayName);
        return serialised
            .Select((value, i) => i < shown.Count && shown.Count == serialised.Count && value is long && CSharpLiteral.IsMemberName(shown[i].Literal ?? string.Empty)
                ? new Parsed(null, shown[i].Value, shown[i].Literal)
                : new Parsed(null, value))
            .ToList();
    }

    /// <summary>The parts of a comma-separated list, split only at commas outside literals and brackets.</summary>
    public static IEnumerable<string> SplitTopLevel(string text)
    {
        if (text.Trim().Length == 0)
        {
            yield break;
        }

        var start = 0;
        foreach (var (index, c, depth) in LiteralText.Structure(text))
        {
            if (c == ',' && depth == 0)
            {
                yield return text.Substring(start, index - start);
                start = index + 1;
            }
        }

        yield return text.Substring(start);
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

        return new Parsed(name, CSharpLiteral.Parse(text), text);
    }

    private static object? FromToken(JToken token) => token switch
    {
        JArray array => array.Select(FromToken).ToList(),
        JObject obj => obj.Properties().ToDictionary(p => p.Name, p => FromToken(p.Value), StringComparer.Ordinal),
        JValue value => value.Value,
        _ => token.ToString(Formatting.None, Array.Empty<JsonConverter>()),
    };

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');
}
