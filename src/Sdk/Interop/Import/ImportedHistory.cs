using System.Text;
using Wandb.Polyfills;
using Wandb.Storage.Merging;

namespace Wandb.Interop.Import;

/// <summary>
/// The history rows of one imported log, kept as UTF-8 text in one growing buffer until they are written.
/// A string per row held for the whole file made the garbage collector, not the reading, the cost of an
/// import; the rows become strings one at a time as the store takes them.
/// </summary>
internal sealed class ImportedHistory
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<(long Step, double Timestamp, int Start, int Length)> _rows = new();
    private byte[] _text = new byte[64 * 1024];
    private char[] _chars = new char[1024];
    private int _length;

    public int Count => _rows.Count;

    /// <summary>Adds a row from its line (the store's history line format, without the newline).</summary>
    public void Add(long step, double timestamp, StringBuilder line, int lineLength)
    {
        line.CopyChars(lineLength, ref _chars);
        var needed = _length + Utf8.GetMaxByteCount(lineLength);
        if (_text.Length < needed)
        {
            Array.Resize(ref _text, Math.Max(needed, _text.Length * 2));
        }

        var bytes = Utf8.GetBytes(_chars, 0, lineLength, _text, _length);
        _rows.Add((step, timestamp, _length, bytes));
        _length += bytes;
    }

    /// <summary>The rows in order, each made a <see cref="HistoryLine"/> as it is reached.</summary>
    public IEnumerable<HistoryLine> Lines()
    {
        foreach (var row in _rows)
        {
            yield return new HistoryLine(row.Step, row.Timestamp, Utf8.GetString(_text, row.Start, row.Length));
        }
    }
}
