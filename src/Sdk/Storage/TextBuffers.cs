namespace Wandb.Storage;

/// <summary>
/// The buffer size of the readers and writers that turn files into text and back. A reader or writer of 64 Ki chars
/// keeps a char array of 128 KiB and a byte array of up to 192 KiB, both past the large object heap's 85,000 bytes:
/// every history a report reads and every report file it writes put them there, and each few hundred KiB of large
/// objects brings on a full collection, which in a process holding a 100,000-run store's listing stops both cores for
/// 10-20 ms. Text of 16 Ki chars is still read and written in blocks of kilobytes, which the file streams beneath pass
/// straight through or gather in their own buffers, so the smaller size costs nothing measurable.
/// </summary>
internal static class TextBuffers
{
    /// <summary>Chars of a <see cref="StreamReader"/> or <see cref="StreamWriter"/> buffer: its char and byte arrays stay small objects.</summary>
    public const int Chars = 16 * 1024;
}
