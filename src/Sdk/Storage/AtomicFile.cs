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
    public static void Write(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, TextBuffers.Chars, leaveOpen: true);
            write(writer);
        }, durable: false);

    /// <summary>Writes <paramref name="content"/>; with <paramref name="durable"/> it reaches the device before the rename.</summary>
    public static void Write(string path, byte[] content, bool durable) =>
        Write(path, stream => stream.Write(content, 0, content.Length), durable, bufferSize: 1);

    /// <summary>Writes through <paramref name="write"/>; with <paramref name="durable"/> the content reaches the device before the rename.</summary>
    public static void Write(string path, Action<Stream> write, bool durable) => Write(path, write, durable, bufferSize: 1 << 16);

    /// <param name="path">The file to replace.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="durable">Whether the content reaches the device before the rename.</param>
    /// <param name="bufferSize">
    /// The file stream's buffer: 64 KiB for content written line by line (the indexes write thousands of lines of a few
    /// hundred bytes, each a system call without it); none for content written in one piece, which it would only copy.
    /// </param>
    private static void Write(string path, Action<Stream> write, bool durable, int bufferSize)
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
