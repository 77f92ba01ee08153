using System.Buffers.Binary;

namespace Wandb.Interop.TransactionLog;

/// <summary>
/// Appends records to a transaction log as W&amp;B's writers do: each record is one FULL chunk when it fits in
/// the rest of the block, else FIRST, MIDDLE... and LAST chunks across blocks. A block tail of fewer than 7
/// bytes is zero-filled when the next record starts, so a log may end inside a block. With exactly 7 bytes
/// left a record starts with an empty FIRST chunk, as W&amp;B's writers do. The stream stays the caller's.
/// </summary>
internal sealed class TransactionLogWriter
{
    private readonly Stream _stream;
    private readonly byte[] _block = new byte[LogFormat.BlockSize];
    private int _offset;
    private int _flushed;
    private long _blocksDone;

    /// <summary>Starts a log on <paramref name="stream"/> with the file header.</summary>
    public TransactionLogWriter(Stream stream)
    {
        _stream = stream;
        LogFormat.FileHeader().CopyTo(_block, 0);
        _offset = LogFormat.FileHeaderSize;
    }

    /// <summary>Bytes of the log so far, written or buffered.</summary>
    public long Length => (_blocksDone * LogFormat.BlockSize) + _offset;

    /// <summary>Appends one record (a serialized protobuf message).</summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        var first = true;
        do
        {
            var left = LogFormat.BlockSize - _offset;
            if (left < LogFormat.ChunkHeaderSize)
            {
                Array.Clear(_block, _offset, left);
                _offset = LogFormat.BlockSize;
                WriteBlock();
                left = LogFormat.BlockSize;
            }

            var length = Math.Min(record.Length, left - LogFormat.ChunkHeaderSize);
            var last = length == record.Length;
            var type = first ? (last ? ChunkType.Full : ChunkType.First) : (last ? ChunkType.Last : ChunkType.Middle);
            WriteChunk(type, record.Slice(0, length));
            record = record.Slice(length);
            first = false;
        }
        while (record.Length > 0);
    }

    /// <summary>Writes what is buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        _stream.Write(_block, _flushed, _offset - _flushed);
        _flushed = _offset;
        _stream.Flush();
    }

    private void WriteChunk(ChunkType type, ReadOnlySpan<byte> payload)
    {
        var header = _block.AsSpan(_offset, LogFormat.ChunkHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, LogFormat.ChunkChecksum(type, payload));
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(4), (ushort)payload.Length);
        header[6] = (byte)type;
        payload.CopyTo(_block.AsSpan(_offset + LogFormat.ChunkHeaderSize));
        _offset += LogFormat.ChunkHeaderSize + payload.Length;
    }

    private void WriteBlock()
    {
        _stream.Write(_block, _flushed, _offset - _flushed);
        _offset = 0;
        _flushed = 0;
        _blocksDone++;
    }
}
