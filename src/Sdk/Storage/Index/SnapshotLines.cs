using System.Buffers;
using System.Runtime.InteropServices;

namespace Wandb.Storage.Index;

/// <summary>
/// The whole lines of a snapshot file's bytes, each without its newline; bytes after the last newline are a
/// line still being written (or cut short) and are not among them. The lines are slices of the one buffer, so
/// a run read from the snapshot keeps its line without a copy.
/// </summary>
internal sealed class SnapshotLines
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly List<int> _starts;

    private SnapshotLines(ReadOnlyMemory<byte> bytes, List<int> starts)
    {
        _bytes = bytes;
        _starts = starts;
    }

    /// <summary>How many whole lines there are.</summary>
    public int Count => _starts.Count - 1;

    public static SnapshotLines Split(ReadOnlyMemory<byte> bytes) => Split(bytes, new List<int>(Math.Max(16, bytes.Length / 512)) { 0 });

    /// <summary>
    /// The lines of <paramref name="bytes"/> when the first ones are known: <paramref name="known"/> holds where each of
    /// them begins and, last, where the next begins (<see cref="RunHeads"/>); only the bytes from there on are searched.
    /// The list is taken over: the starts of the lines found are added to it.
    /// </summary>
    public static SnapshotLines Split(ReadOnlyMemory<byte> bytes, List<int> known)
    {
        // starts[i] is where line i begins; starts[Count] is just past the last newline.
        var starts = known;
        var span = bytes.Span;
        var offset = starts[starts.Count - 1];
        while (offset < bytes.Length)
        {
            var newline = span.Slice(offset).IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
            starts.Add(offset);
        }

        return new SnapshotLines(bytes, starts);
    }

    /// <summary>Writes one line and its newline; a line kept from reading an array is written without a copy, one of a mapped file through a pooled buffer.</summary>
    public static void Write(Stream stream, ReadOnlyMemory<byte> line)
    {
        if (MemoryMarshal.TryGetArray(line, out var array))
        {
            stream.Write(array.Array!, array.Offset, array.Count);
        }
        else
        {
            var copy = ArrayPool<byte>.Shared.Rent(line.Length);
            line.Span.CopyTo(copy);
            stream.Write(copy, 0, line.Length);
            ArrayPool<byte>.Shared.Return(copy);
        }

        stream.WriteByte((byte)'\n');
    }

    public ReadOnlySpan<byte> Span(int line) => _bytes.Span.Slice(_starts[line], Length(line));

    public ReadOnlyMemory<byte> Memory(int line) => _bytes.Slice(_starts[line], Length(line));

    /// <summary>The offset just past line <paramref name="line"/>'s newline.</summary>
    public long End(int line) => _starts[line + 1];

    private int Length(int line) => _starts[line + 1] - _starts[line] - 1;
}
