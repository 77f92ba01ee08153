namespace Wandb.Polyfills;

/// <summary>
/// Reading a stream into a buffer until the buffer is full or the stream ends, as <c>Stream.ReadAtLeast(buffer,
/// buffer.Length, throwOnEndOfStream: false)</c> does on .NET 7 and later (not in .NET Standard 2.0): one
/// <see cref="Stream.Read(byte[], int, int)"/> may return fewer bytes than asked for before the end.
/// </summary>
internal static class StreamReading
{
    /// <returns>How many bytes were read: <c>buffer.Length</c>, or fewer when the stream ended first.</returns>
    public static int ReadFully(this Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
