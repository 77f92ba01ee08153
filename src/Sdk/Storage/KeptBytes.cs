using Wandb.Polyfills;

namespace Wandb.Storage;

/// <summary>
/// Bytes made ahead of a report file and written into it later. On Linux they are kept in a temporary file whose name is
/// deleted at once (it lives until this object is disposed, once the report is written, or collected), and the report's file gets them by a copy inside the kernel
/// (<see cref="FileRangeCopy"/>): written from memory, the kernel had to read them from the process's pages first, and on
/// the virtual machines this project is measured on, where the kernel's first touch of a process page is dear, the 3.25 MiB
/// of runs.json entries of a 100,000-run store took 4-5 ms of the refresh that way, against under 1 ms from a file
/// (docs/benchmarks.md, <c>refresh</c>). Elsewhere, or when no such file can be made, they stay in memory.
/// </summary>
internal sealed class KeptBytes : IDisposable
{
    private readonly byte[]? _bytes;
    private readonly FileStream? _file;
    private readonly object _gate = new();

    private KeptBytes(byte[]? bytes, FileStream? file, long length)
    {
        _bytes = bytes;
        _file = file;
        Length = length;
    }

    public long Length { get; }

    /// <summary>Whether the bytes are in a file (else in memory).</summary>
    internal bool InFile => _file is not null;

    /// <summary>Keeps <paramref name="bytes"/>, in a nameless file in <paramref name="directory"/> when the system allows; the caller lets go of the array.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="directory">A folder on the file system of the file they will be written into, or null to keep them in memory.</param>
    public static KeptBytes Keep(byte[] bytes, string? directory)
    {
        if (directory is null || bytes.Length == 0 || !FileRangeCopy.IsAvailable)
        {
            return new KeptBytes(bytes, null, bytes.Length);
        }

        var path = Path.Combine(directory, ".wandb-" + Guid.NewGuid().ToString("N") + ".kept.tmp");
        FileStream? file = null;
        try
        {
            Directory.CreateDirectory(directory);
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);

            // The name goes at once: the open file lives until this object is disposed or collected, and nothing is left behind.
            File.Delete(path);
            file.Write(bytes, 0, bytes.Length);
            file.Flush();
            return new KeptBytes(null, file, bytes.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            TryDelete(path);
            return new KeptBytes(bytes, null, bytes.Length);
        }
    }

    /// <summary>Appends the bytes to <paramref name="target"/> at its position, which moves past them.</summary>
    public void WriteTo(Stream target)
    {
        if (_bytes is not null)
        {
            target.Write(_bytes, 0, _bytes.Length);
            return;
        }

        lock (_gate)
        {
            long copied = 0;
            if (target is FileStream file)
            {
                // The handle flushes the stream's buffer first; the kernel writes at the stream's position, which then
                // moves past what it wrote.
                var handle = file.SafeFileHandle;
                var at = file.Position;
                copied = FileRangeCopy.Copy(_file!.SafeFileHandle, Length, handle, at);
                file.Position = at + copied;
            }

            if (copied < Length)
            {
                // Another file system, or a kernel without the call: the rest through memory.
                _file!.Position = copied;
                CopyRest(_file, target, Length - copied);
            }
        }
    }

    /// <summary>Closes the file the bytes are kept in, if any, which frees it: nothing may be read from them after.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
        }
    }

    /// <summary>The bytes, read back when they are in a file.</summary>
    public byte[] ToArray()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }

        lock (_gate)
        {
            var bytes = new byte[Length];
            _file!.Position = 0;
            var read = _file.ReadFully(bytes);
            return read == bytes.Length ? bytes : throw new IOException($"A kept temporary file ended after {read} of its {Length} bytes.");
        }
    }

    private static void CopyRest(Stream source, Stream target, long count)
    {
        var buffer = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            var n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0)
            {
                throw new IOException("A kept temporary file ended before its length.");
            }

            target.Write(buffer, 0, n);
            count -= n;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind only if the folder refused both the write and the delete.
        }
    }
}
