using System.Text.RegularExpressions;

namespace Wandb.Reports.Html;

/// <summary>The page skeleton split at its <c>{{slot}}</c> markers, so large slots (the data) stream straight to the file.</summary>
internal sealed class PageTemplate
{
    private static readonly Regex Slot = new(@"\{\{([a-z]+)\}\}", RegexOptions.CultureInvariant);

    private readonly IReadOnlyList<(string Text, string? Slot)> _parts;

    private PageTemplate(IReadOnlyList<(string Text, string? Slot)> parts) => _parts = parts;

    public static PageTemplate Parse(string template)
    {
        var parts = new List<(string, string?)>();
        var position = 0;
        foreach (Match match in Slot.Matches(template))
        {
            parts.Add((template.Substring(position, match.Index - position), match.Groups[1].Value));
            position = match.Index + match.Length;
        }

        parts.Add((template.Substring(position), null));
        return new PageTemplate(parts);
    }

    public void Write(TextWriter writer, Action<string> writeSlot)
    {
        foreach (var (text, slot) in _parts)
        {
            writer.Write(text);
            if (slot is not null)
            {
                writeSlot(slot);
            }
        }
    }
}
