using System.Text;

namespace Wandb.Reports.Markdown;

/// <summary>
/// Makes a user string (run name, group, tag, config value) inert inside GitHub-flavoured Markdown,
/// including table cells: line breaks and other control characters become spaces (a newline would end the
/// table row), HTML-significant characters become entities (no raw tags reach the page), and every
/// character that can start Markdown syntax (emphasis, code, links, images, headings, tables, math,
/// strikethrough, mentions) is backslash-escaped. Long strings are cut so one name cannot flood a table.
/// </summary>
internal static class MarkdownText
{
    public const int DefaultMaxLength = 200;

    private const string BackslashEscaped = "\\`*_{}[]()#+-!|~$@:";

    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var source = text!;
        var cut = source.Length > maxLength;
        if (cut)
        {
            // Do not split a surrogate pair.
            var length = char.IsHighSurrogate(source[maxLength - 1]) ? maxLength - 1 : maxLength;
            source = source.Substring(0, length);
        }

        var builder = new StringBuilder(source.Length + 16);
        foreach (var c in source)
        {
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append(' ');
                    }
                    else
                    {
                        if (BackslashEscaped.IndexOf(c) >= 0)
                        {
                            builder.Append('\\');
                        }

                        builder.Append(c);
                    }

                    break;
            }
        }

        if (cut)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
