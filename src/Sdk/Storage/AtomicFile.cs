using System.Text;

namespace Wandb.Storage;

/// <summary>
/// Replaces a file in one step: the content goes to a temporary file next to it, which is then renamed
/// over the target. Readers (a report viewer, a CI step, another process reading the store) see the old
/// or the new content, never half of it; a failed write leaves the old file and no temporary behind.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes text (UTF-8, no BOM) through <paramref name="write"/>.</summary>
    /// <param name="path">The file to replace.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="replaced">Where the old content is held open until the caller releases it, so the rename does not free it; null frees it in the rename.</param>
    public static void Write(string path, Action<TextWriter> write, ReplacedFiles? replaced = null) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, TextBuffers.Chars, leaveOpen: true);
            write(writer);
        }, durable: false, bufferSize: 1 << 16, replaced);

    /// <summary>Writes <paramref name="content"/>; with <paramref name="durable"/> it reaches the device before the rename.</summary>
    public static void Write(string path, byte[] content, bool durable) =>
        Write(path, stream => stream.Write(content, 0, content.Length), durable, bufferSize: 1, replaced: null);

    /// <summary>Writes through <paramref name="write"/>; with <paramref name="durable"/> the content reaches the device before the rename.</summary>
    public static void Write(string path, Action<Stream> write, bool durable) => Write(path, write, durable, bufferSize: 1 << 16, replaced: null);

    /// <param name="path">The file to replace.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="durable">Whether the content reaches the device before the rename.</param>
    /// <param name="bufferSize">
    /// The file stream's buffer: 64 KiB for content written line by line (the indexes write thousands of lines of a few
    /// hundred bytes, each a system call without it); none for content written in one piece, which it would only copy.
    /// </param>
    /// <param name="replaced">Holds the old content open past the rename (<see cref="ReplacedFiles"/>); null frees it in the rename.</param>
    private static void Write(string path, Action<Stream> write, bool durable, int bufferSize, ReplacedFiles? replaced)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }

            if (File.Exists(path))
            {
                replaced?.Hold(path);
                File.Replace(temporary, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
