using Wandb.Storage;

namespace Wandb.Benchmarks.Logging;

/// <summary>The real file system with every history batch flush delayed, to model a disk slower than the logger.</summary>
internal sealed class SlowFileSystem : IStoreFileSystem
{
    private readonly IStoreFileSystem _inner = PhysicalStoreFileSystem.Instance;
    private readonly TimeSpan _delayPerWrite;

    public SlowFileSystem(TimeSpan delayPerWrite) => _delayPerWrite = delayPerWrite;

    public bool FileExists(string path) => _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    public void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public Stream OpenAppend(string path) => new SlowStream(_inner.OpenAppend(path), _delayPerWrite);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public bool TryCreateNew(string path, byte[] content) => _inner.TryCreateNew(path, content);

    public void WriteAtomic(string path, byte[] content, bool durable) => _inner.WriteAtomic(path, content, durable);

    public IEnumerable<string> EnumerateDirectories(string path) => _inner.EnumerateDirectories(path);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => _inner.EnumerateFiles(path, searchPattern);

    public void FlushToDisk(Stream stream) => stream.Flush();

    private sealed class SlowStream : Stream
    {
        private readonly Stream _inner;
        private readonly TimeSpan _delay;

        public SlowStream(Stream inner, TimeSpan delay)
        {
            _inner = inner;
            _delay = delay;
        }

        public override bool CanRead => false;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        // One flush per written batch: the delay models a slow device per batch, not per buffer chunk.
        public override void Flush()
        {
            Thread.Sleep(_delay);
            _inner.Flush();
        }

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
