using System.Buffers.Binary;
using System.Text;

namespace Wandb.Storage.Curves;

/// <summary>
/// Reads the values <see cref="System.IO.BinaryWriter"/> wrote (little-endian numbers, strings with a 7-bit encoded
/// length) from a curve cache entry held whole in memory: a <see cref="System.IO.BinaryReader"/> over the entry's file
/// went through the file stream's buffer for each of its thousands of numbers, on every refresh for every run it charts.
/// Reading past the end throws <see cref="EndOfStreamException"/>, as the stream did.
/// </summary>
internal sealed class CurveEntryReader
{
    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly int _end;
    private int _position;

    public CurveEntryReader(byte[] bytes)
        : this(bytes, 0, bytes.Length)
    {
    }

    /// <summary>A reader of the <paramref name="count"/> bytes from <paramref name="start"/>: one level of an entry read with its header.</summary>
    public CurveEntryReader(byte[] bytes, int start, int count)
    {
        _bytes = bytes;
        _start = start;
        _end = start + count;
        _position = start;
    }

    /// <summary>The bytes this reader reads.</summary>
    public int Length => _end - _start;

    /// <summary>The bytes read so far.</summary>
    public int Position => _position - _start;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public string ReadString()
    {
        var length = Read7BitEncodedLength();
        var start = _position;
        Take(length);
        return Encoding.UTF8.GetString(_bytes, start, length);
    }

    private int Read7BitEncodedLength()
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var next = Take(1)[0];
            value |= (next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value >= 0 ? value : throw new FormatException("A string length in the curve cache entry is negative.");
            }
        }

        throw new FormatException("A string length in the curve cache entry is longer than five bytes.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _end - _position)
        {
            throw new EndOfStreamException("The curve cache entry ends early.");
        }

        var span = new ReadOnlySpan<byte>(_bytes, _position, count);
        _position += count;
        return span;
    }
}
