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

    private void ThrowIfFull()
    {
        if (DiskFull)
        {
            throw new IOException("No space left on device");
        }
    }

    private sealed class FaultyStream : Stream
    {
        private readonly Stream _inner;
        private readonly FaultyFileSystem _owner;

        public FaultyStream(Stream inner, FaultyFileSystem owner)
        {
            _inner = inner;
            _owner = owner;
        }

        public override bool CanRead => false;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_owner.DiskFull)
            {
                var partial = Math.Min(_owner.BytesBeforeFailure, count);
                _inner.Write(buffer, offset, partial);
                _inner.Flush();
                throw new IOException("No space left on device");
            }

            _inner.Write(buffer, offset, count);
        }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => _inner.SetLength(value);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
