namespace Wandb.Interop.TransactionLog;

/// <summary>
/// The layout of W&amp;B's transaction log (a <c>.wandb</c> file), LevelDB's log format with a file header:
/// a 7-byte header (<c>:W&amp;B</c>, 0xBEE1 as uint16 little-endian, version 0), then 32 KiB blocks counted
/// from the start of the file. Each chunk has a 7-byte header (CRC-32 of the type byte and the payload as
/// uint32 LE, payload length as uint16 LE, type); a block tail too short for a chunk header is zero-filled.
/// </summary>
internal static class LogFormat
{
    public const int BlockSize = 32 * 1024;

    public const int ChunkHeaderSize = 7;

    public const int FileHeaderSize = 7;

    public const ushort Magic = 0xBEE1;

    public const byte Version = 0;

    // The checksum of each type byte alone: a chunk's checksum continues from there over the payload.
    private static readonly uint[] TypeChecksums = Enumerable.Range(0, 5).Select(t => Crc32.Compute(new[] { (byte)t })).ToArray();

    /// <summary>The file header: the identifier <c>:W&amp;B</c>, the magic number little-endian, the version.</summary>
    public static byte[] FileHeader() => new byte[] { (byte)':', (byte)'W', (byte)'&', (byte)'B', Magic & 0xFF, Magic >> 8, Version };

    /// <summary>The checksum of a chunk: over its type byte followed by its payload.</summary>
    public static uint ChunkChecksum(ChunkType type, ReadOnlySpan<byte> payload) => Crc32.Append(TypeChecksums[(int)type], payload);
}
