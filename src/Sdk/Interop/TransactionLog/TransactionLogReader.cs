using System.Buffers.Binary;
using Wandb.Polyfills;

namespace Wandb.Interop.TransactionLog;

/// <summary>
/// Reads the records of a transaction log one at a time, checking every chunk's checksum. A log that ends
/// inside a record (a writer killed mid-write leaves a torn last block) ends the records there and sets
/// <see cref="TornAt"/>; bytes that are not what a writer wrote throw <see cref="CorruptLogException"/>.
/// The stream stays the caller's.
/// </summary>
internal sealed class TransactionLogReader
{
    private readonly Stream _stream;
    private readonly byte[] _block = new byte[LogFormat.BlockSize];
    private byte[] _record = new byte[LogFormat.BlockSize];
    private long _blockStart = -LogFormat.BlockSize;
    private int _blockLength = LogFormat.BlockSize;
    private int _position = LogFormat.BlockSize;
    private bool _headerChecked;
    private bool _ended;

    public TransactionLogReader(Stream stream) => _stream = stream;

    /// <summary>Where the record that the log ends inside starts, when the log is torn; null otherwise.</summary>
    public long? TornAt { get; private set; }

    /// <summary>Where the record last returned starts.</summary>
    public long RecordOffset { get; private set; }

    /// <summary>
    /// Reads the next record. The segment is valid until the next call. Returns false at the end of the log,
    /// a torn end included.
    /// </summary>
    /// <exception cref="CorruptLogException">A checksum does not match, the file header is not W&amp;B's, or the chunks make no record.</exception>
    public bool TryRead(out ArraySegment<byte> record)
    {
        record = default;
        if (_ended)
        {
            return false;
        }

        if (!_headerChecked && !CheckFileHeader())
        {
            return false;
        }

        var length = 0;
        long start = -1;
        while (true)
        {
            if (LogFormat.BlockSize - _position < LogFormat.ChunkHeaderSize && !NextBlock())
            {
                return End(start);
            }

            var chunkOffset = _blockStart + _position;
            var available = _blockLength - _position;
            if (available == 0)
            {
                return End(start);
            }

            if (available < LogFormat.ChunkHeaderSize)
            {
                return Torn(start >= 0 ? start : chunkOffset);
            }

            var header = _block.AsSpan(_position, LogFormat.ChunkHeaderSize);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var payloadLength = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(4));
            var type = (ChunkType)header[6];
            if (checksum == 0 && payloadLength == 0 && header[6] == 0)
            {
                // A zero-filled tail: the file was extended but the chunk never written (a crash on some file systems).
                return Torn(start >= 0 ? start : chunkOffset);
            }

            if (_position + LogFormat.ChunkHeaderSize + payloadLength > LogFormat.BlockSize)
            {
                throw new CorruptLogException(chunkOffset, $"a chunk of {payloadLength} bytes does not fit in its block");
            }

            if (LogFormat.ChunkHeaderSize + payloadLength > available)
            {
                return Torn(start >= 0 ? start : chunkOffset);
            }

            var payload = new ArraySegment<byte>(_block, _position + LogFormat.ChunkHeaderSize, payloadLength);
            if (type is < ChunkType.Full or > ChunkType.Last)
            {
                throw new CorruptLogException(chunkOffset, $"unknown chunk type {header[6]}");
            }

            if (LogFormat.ChunkChecksum(type, payload) != checksum)
            {
                throw new CorruptLogException(chunkOffset, "checksum mismatch");
            }

            _position += LogFormat.ChunkHeaderSize + payloadLength;
            var inRecord = start >= 0;
            switch (type)
            {
                case ChunkType.Full when !inRecord:
                    RecordOffset = chunkOffset;
                    record = payload;
                    return true;
                case ChunkType.First when !inRecord:
                    start = chunkOffset;
                    length = Append(0, payload);
                    break;
                case ChunkType.Middle when inRecord:
                    length = Append(length, payload);
                    break;
                case ChunkType.Last when inRecord:
                    length = Append(length, payload);
                    RecordOffset = start;
                    record = new ArraySegment<byte>(_record, 0, length);
                    return true;
                default:
                    throw new CorruptLogException(chunkOffset, $"a {type.ToString().ToUpperInvariant()} chunk {(inRecord ? "inside a record that is not finished" : "without the FIRST chunk of its record")}");
            }
        }
    }

    private bool CheckFileHeader()
    {
        _headerChecked = true;
        if (!NextBlock() || _blockLength < LogFormat.FileHeaderSize)
        {
            return Torn(0);
        }

        var expected = LogFormat.FileHeader();
        if (!_block.AsSpan(0, LogFormat.FileHeaderSize).SequenceEqual(expected))
        {
            throw new CorruptLogException(0, "the file does not start with the W&B header (:W&B, 0xBEE1, version 0)");
        }

        _position = LogFormat.FileHeaderSize;
        return true;
    }

    // Moves to the next block, after checking that the tail it leaves is zero-filled; false at the end of the file.
    private bool NextBlock()
    {
        for (var i = _position; i < _blockLength; i++)
        {
            if (_block[i] != 0)
            {
                throw new CorruptLogException(_blockStart + i, "the tail of a block is not zero-filled");
            }
        }

        if (_blockLength < LogFormat.BlockSize)
        {
            return false;
        }

        _blockStart += LogFormat.BlockSize;
        _blockLength = _stream.ReadFully(_block);
        _position = 0;
        return _blockLength > 0;
    }

    private int Append(int length, ArraySegment<byte> payload)
    {
        if (_record.Length < length + payload.Count)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, length + payload.Count));
        }

        payload.AsSpan().CopyTo(_record.AsSpan(length));
        return length + payload.Count;
    }

    private bool End(long recordStart) => recordStart >= 0 ? Torn(recordStart) : Stop();

    private bool Torn(long offset)
    {
        TornAt = offset;
        return Stop();
    }

    private bool Stop()
    {
        _ended = true;
        return false;
    }
}
