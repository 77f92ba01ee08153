using System.Globalization;
using System.Text;

namespace Wandb.Reports.Markdown;

/// <summary>
/// Writes Markdown lines up to a byte budget. GitHub drops a job summary over 1 MiB entirely, so once a
/// line would not fit, it and everything after it are left out, and the text ends with a note saying how
/// much was cut and where the full data is (<see cref="End"/>, or <see cref="ToString"/> of lines collected in memory).
/// </summary>
internal sealed class BoundedMarkdown
{
    /// <summary>Default budget: under GitHub's 1 MiB (1,048,576 bytes) limit, with room for the note.</summary>
    public const int DefaultMaxBytes = 1_000_000;

    private const int NoteReserve = 400;
    private readonly TextWriter _output;
    private readonly int _maxBytes;
    private int _bytes;

    /// <summary>Collects the lines in memory, for <see cref="ToString"/>.</summary>
    public BoundedMarkdown(int maxBytes = DefaultMaxBytes)
        : this(new StringWriter(CultureInfo.InvariantCulture), maxBytes)
    {
    }

    /// <summary>
    /// Writes the lines to <paramref name="output"/> as they come, then the note at <see cref="End"/>: summary.md goes to
    /// its file without being held as one string first. At 100,000 runs its 1,000 rows are 86 KB, which were collected in
    /// a StringBuilder and copied into a string of 172 KB on the large object heap on every refresh (the summary step
    /// allocated 1.2 MiB, 0.87 MiB since).
    /// </summary>
    public BoundedMarkdown(TextWriter output, int maxBytes = DefaultMaxBytes)
    {
        _output = output;
        _maxBytes = maxBytes;
    }

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

        _output.Write(line);
        _output.Write('\n');
        _bytes += bytes;
    }

    /// <summary>Ends the text written to the output: the note of the lines left out, if any.</summary>
    public void End()
    {
        if (Truncated)
        {
            _output.Write(Note);
        }
    }

    /// <summary>The lines collected in memory, and the note of the lines left out, if any.</summary>
    public override string ToString() => _output.ToString() + (Truncated ? Note : string.Empty);

    private string Note =>
        $"\n> **Truncated:** {OmittedLines} more line(s) were left out to keep this summary under 1 MiB (GitHub drops a larger job summary entirely). runs.json and index.html next to this file have every run.\n";
}
