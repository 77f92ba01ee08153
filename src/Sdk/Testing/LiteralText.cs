namespace Wandb.Testing;

/// <summary>
/// Walks test names and display names the way their C# literals nest: string and char literals are
/// skipped whole (a <c>","</c> or <c>')'</c> inside one is not structure), brackets report the depth they
/// stand at. Shared by the test-name splitting here and the test logger's argument parsing.
/// </summary>
internal static class LiteralText
{
    /// <summary>Each character outside string and char literals, with the bracket depth it stands at (a bracket reports the depth outside it).</summary>
    public static IEnumerable<(int Index, char Char, int Depth)> Structure(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = EndOfString(text, i);
                    continue;
                case '\'' when CharLiteralLength(text, i) is var length && length > 0:
                    i += length - 1;
                    continue;
                case '(' or '[' or '{':
                    yield return (i, c, depth);
                    depth++;
                    continue;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    yield return (i, c, depth);
                    continue;
                default:
                    yield return (i, c, depth);
                    continue;
            }
        }
    }

    /// <summary>The index of the quote closing the string literal opened at <paramref name="open"/>, or the last index when it never closes.</summary>
    public static int EndOfString(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    /// <summary>
    /// The length of the char literal at <paramref name="open"/> (<c>'c'</c>, <c>'\n'</c>, <c>'\u0041'</c>), or 0
    /// when the quote is not one: an apostrophe in a display name (<c>Doesn't crash</c>) must not swallow the rest.
    /// </summary>
    public static int CharLiteralLength(string text, int open)
    {
        if (open + 2 >= text.Length)
        {
            return 0;
        }

        if (text[open + 1] != '\\')
        {
            return text[open + 2] == '\'' && text[open + 1] != '\'' ? 3 : 0;
        }

        // An escape: at most \U0001F600 (10 characters) between the quotes.
        for (var close = open + 3; close < text.Length && close <= open + 11; close++)
        {
            if (text[close] == '\'')
            {
                return close - open + 1;
            }
        }

        return 0;
    }
}
