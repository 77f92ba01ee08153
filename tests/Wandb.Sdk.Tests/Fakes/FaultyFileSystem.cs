using Wandb.Storage;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>
/// The real file system with a switch that makes every write fail like a full disk, after an optional
/// number of bytes of the current write have gone through (a torn write). Root ignores file permissions,
/// so this is how the tests get a disk that refuses data.
/// </summary>
internal sealed class FaultyFileSystem : IStoreFileSystem
{
    private readonly IStoreFileSystem _inner = PhysicalStoreFileSystem.Instance;

    public volatile bool DiskFull;

    /// <summary>Bytes of a failing write that still reach the file before the error.</summary>
    public int BytesBeforeFailure { get; set; }

    public bool FileExists(string path) => _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    public void CreateDirectory(string path)
    {
        ThrowIfFull();
        _inner.CreateDirectory(path);
    }

    public Stream OpenAppend(string path) => new FaultyStream(_inner.OpenAppend(path), this);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public bool TryCreateNew(string path, byte[] content)
    {
        ThrowIfFull();
        return _inner.TryCreateNew(path, content);
    }

    public void WriteAtomic(string path, byte[] content, bool durable)
    {
        ThrowIfFull();
        _inner.WriteAtomic(path, content, durable);
    }

    public IEnumerable<string> EnumerateDirectories(string path) => _inner.EnumerateDirectories(path);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => _inner.EnumerateFiles(path, searchPattern);

    public void FlushToDisk(Stream stream) => stream.Flush();

    public void DeleteFile(string path) => _inner.DeleteFile(path);

    public bool DeleteEmptyDirectory(string path) => _inner.DeleteEmptyDirectory(path);

    private void ThrowIfFull()
    {
        if (DiskFull)
        {
            throw new IOException("No space left on device");
        }
    }

    private sealed class FaultyStream : WriteStreamWrapper
    {
        private readonly FaultyFileSystem _owner;

        public FaultyStream(Stream inner, FaultyFileSystem owner)
            : base(inner) => _owner = owner;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_owner.DiskFull)
            {
                var partial = Math.Min(_owner.BytesBeforeFailure, count);
                Inner.Write(buffer, offset, partial);
                Inner.Flush();
                throw new IOException("No space left on device");
            }

            Inner.Write(buffer, offset, count);
        }
    }
}
