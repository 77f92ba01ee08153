using System.Text;

namespace Wandb.Reports.Markdown;

/// <summary>
/// Collects Markdown lines up to a byte budget. GitHub drops a job summary over 1 MiB entirely, so once a
/// line would not fit, it and everything after it are left out and <see cref="ToString"/> ends with a note
/// saying how much was cut and where the full data is.
/// </summary>
internal sealed class BoundedMarkdown
{
    /// <summary>Default budget: under GitHub's 1 MiB (1,048,576 bytes) limit, with room for the note.</summary>
    public const int DefaultMaxBytes = 1_000_000;

    private const int NoteReserve = 400;
    private readonly StringBuilder _text = new();
    private readonly int _maxBytes;
    private int _bytes;

    public BoundedMarkdown(int maxBytes = DefaultMaxBytes) => _maxBytes = maxBytes;

    public bool Truncated => OmittedLines > 0;

    public int OmittedLines { get; private set; }

    public void Line(string line = "")
    {
        if (Truncated)
        {
            OmittedLines++;
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        if (_bytes + bytes > _maxBytes - NoteReserve)
        {
            OmittedLines++;
            return;
        }

        _text.Append(line).Append('\n');
        _bytes += bytes;
    }

    public override string ToString()
    {
        if (!Truncated)
        {
            return _text.ToString();
        }

        return _text +
            $"\n> **Truncated:** {OmittedLines} more line(s) were left out to keep this summary under 1 MiB (GitHub drops a larger job summary entirely). runs.json and index.html next to this file have every run.\n";
    }
}
