using Wandb.Storage;
using Wandb.TestSupport;

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

    public void DeleteFile(string path) => _inner.DeleteFile(path);

    public bool DeleteEmptyDirectory(string path) => _inner.DeleteEmptyDirectory(path);

    private sealed class SlowStream : WriteStreamWrapper
    {
        private readonly TimeSpan _delay;

        public SlowStream(Stream inner, TimeSpan delay)
            : base(inner) => _delay = delay;

        // One flush per written batch: the delay models a slow device per batch, not per buffer chunk.
        public override void Flush()
        {
            Thread.Sleep(_delay);
            Inner.Flush();
        }
    }
}
