using System.Globalization;
using System.Text;
using Wandb.Testing;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Reads one argument as MSTest, xUnit and NUnit print it in a display name (C# literal syntax with each
/// framework's habits: NUnit's <c>0.1d</c>, <c>1L</c>, <c>5UL</c> and <c>1E-07.0d</c>, xUnit's round-trip doubles and
/// truncated <c>"..."...</c> strings) into the value it stands for: null, bool, long, double, string or a list.
/// Text that is no literal (<c>typeof(int)</c>, a date) is kept as it is.
/// </summary>
internal static class CSharpLiteral
{
    public static object? Parse(string text)
    {
        var literal = text.Trim();
        if (literal.Length == 0)
        {
            return literal;
        }

        switch (literal)
        {
            case "null":
                return null;
            case "true" or "True":
                return true;
            case "false" or "False":
                return false;
        }

        return literal[0] switch
        {
            '"' => ParseString(literal) ?? literal,
            '\'' => ParseChar(literal) ?? literal,
            '[' when literal[literal.Length - 1] == ']' => ParseArray(literal),
            _ => ParseNumber(literal) ?? (IsMemberName(literal) ? literal.Substring(literal.LastIndexOf('.') + 1) : literal),
        };
    }

    /// <summary>
    /// Whether the text names an enum member (<c>Red</c>, <c>Color.Red</c>): what a display name shows where
    /// MSTest's serialised data holds the member's number.
    /// </summary>
    public static bool IsMemberName(string text)
    {
        var literal = text.Trim();
        if (literal.Length == 0 || literal is "null" or "true" or "True" or "false" or "False" || ParseNumber(literal) is not null)
        {
            return false;
        }

        foreach (var part in literal.Split('.'))
        {
            if (part.Length == 0 || !(char.IsLetter(part[0]) || part[0] == '_') || !part.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<object?> ParseArray(string literal)
    {
        var inner = literal.Substring(1, literal.Length - 2);
        return ArgumentValues.SplitTopLevel(inner).Select(Parse).ToList();
    }

    /// <summary>A string literal, or xUnit's truncated form <c>"abc"...</c>; null when the text is not one.</summary>
    private static string? ParseString(string literal)
    {
        var close = LiteralText.EndOfString(literal, 0);
        if (close == 0 || literal[close] != '"')
        {
            return null;
        }

        var rest = literal.Substring(close + 1);
        if (rest.Length > 0 && rest is not "..." and not "···")
        {
            return null;
        }

        var content = Unescape(literal, 1, close);
        return content is null ? null : content + rest;
    }

    private static string? ParseChar(string literal) =>
        LiteralText.CharLiteralLength(literal, 0) == literal.Length ? Unescape(literal, 1, literal.Length - 1) : null;

    /// <summary>Resolves C#'s escape sequences between <paramref name="start"/> and <paramref name="end"/> (exclusive); null on a malformed one.</summary>
    private static string? Unescape(string text, int start, int end)
    {
        var result = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            if (++i >= end)
            {
                return null;
            }

            switch (text[i])
            {
                case '\'': result.Append('\''); break;
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case '0': result.Append('\0'); break;
                case 'a': result.Append('\a'); break;
                case 'b': result.Append('\b'); break;
                case 'e': result.Append('\u001b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'v': result.Append('\v'); break;
                case 'u' when TryHex(text, i + 1, 4, 4, end, out var code, out var length):
                    result.Append((char)code);
                    i += length;
                    break;
                case 'U' when TryHex(text, i + 1, 8, 8, end, out var code, out var length) && code <= 0x10FFFF:
                    result.Append(char.ConvertFromUtf32(code));
                    i += length;
                    break;
                case 'x' when TryHex(text, i + 1, 1, 4, end, out var code, out var length):
                    result.Append((char)code);
                    i += length;
                    break;
                default:
                    return null;
            }
        }

        return result.ToString();
    }

    private static bool TryHex(string text, int start, int min, int max, int end, out int value, out int length)
    {
        value = 0;
        length = 0;
        while (length < max && start + length < end && Uri.IsHexDigit(text[start + length]))
        {
            value = (value * 16) + Convert.ToInt32(text[start + length].ToString(), 16);
            length++;
        }

        return length >= min;
    }

    /// <summary>A numeric literal with any of C#'s suffixes in any case (d, f, m, L, u, UL, LU), hex, or NaN/Infinity; null when the text is none.</summary>
    private static object? ParseNumber(string literal)
    {
        var negative = literal[0] == '-';
        var text = literal[0] is '-' or '+' ? literal.Substring(1) : literal;
        if (text.Length == 0)
        {
            return null;
        }

        if (ParseSpecial(text) is { } special)
        {
            return negative ? -special : special;
        }

        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            return ulong.TryParse(WithoutIntegerSuffix(text.Substring(2)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? Whole(hex, negative) : null;
        }

        var body = WithoutIntegerSuffix(text);
        var integerSuffix = body.Length < text.Length;
        var floatingSuffix = !integerSuffix && text[text.Length - 1] is 'd' or 'D' or 'f' or 'F' or 'm' or 'M';
        if (floatingSuffix)
        {
            body = text.Substring(0, text.Length - 1);
        }

        // NUnit writes a double without a decimal point with ".0" appended, even after an exponent: 1E-07.0d.
        if (body.IndexOfAny(new[] { 'e', 'E' }) >= 0 && body.EndsWith(".0", StringComparison.Ordinal) && body.IndexOf('.') == body.Length - 2)
        {
            body = body.Substring(0, body.Length - 2);
        }

        if (body.Length == 0 || !(char.IsDigit(body[0]) || body[0] == '.') || !char.IsDigit(body[body.Length - 1]))
        {
            return null;
        }

        if (body.All(c => c is >= '0' and <= '9') && !floatingSuffix)
        {
            return ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) ? Whole(whole, negative) : null;
        }

        // An integer suffix belongs to whole numbers only.
        return !integerSuffix && double.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            ? negative ? -number : number
            : null;
    }

    private static double? ParseSpecial(string text)
    {
        var body = text[text.Length - 1] is 'd' or 'D' or 'f' or 'F' ? text.Substring(0, text.Length - 1) : text;
        return body switch
        {
            "NaN" => double.NaN,
            "Infinity" or "∞" => double.PositiveInfinity,
            _ => null,
        };
    }

    /// <summary>The digits without a trailing u, l, ul or lu (any case).</summary>
    private static string WithoutIntegerSuffix(string text)
    {
        var end = text.Length;
        while (end > 0 && text.Length - end < 2 && text[end - 1] is 'u' or 'U' or 'l' or 'L')
        {
            end--;
        }

        return text.Substring(0, end);
    }

    private static object Whole(ulong value, bool negative)
    {
        if (!negative)
        {
            return value <= long.MaxValue ? (long)value : (object)(double)value;
        }

        return value <= (ulong)long.MaxValue + 1 ? unchecked(-(long)value) : (object)(-(double)value);
    }
}
