using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>The real file system, counting the history files opened for reading.</summary>
internal sealed class CountingFileSystem : IStoreFileSystem
{
    private readonly IStoreFileSystem _inner = PhysicalStoreFileSystem.Instance;
    private int _historyReads;

    /// <summary>History files (<c>*.history.jsonl</c>) opened for reading so far.</summary>
    public int HistoryReads => Volatile.Read(ref _historyReads);

    public bool FileExists(string path) => _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    public void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public Stream OpenAppend(string path) => _inner.OpenAppend(path);

    public Stream OpenRead(string path)
    {
        if (path.EndsWith(StoreLayout.HistorySuffix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _historyReads);
        }

        return _inner.OpenRead(path);
    }

    public bool TryCreateNew(string path, byte[] content) => _inner.TryCreateNew(path, content);

    public void WriteAtomic(string path, byte[] content, bool durable) => _inner.WriteAtomic(path, content, durable);

    public IEnumerable<string> EnumerateDirectories(string path) => _inner.EnumerateDirectories(path);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => _inner.EnumerateFiles(path, searchPattern);

    public void FlushToDisk(Stream stream) => _inner.FlushToDisk(stream);

    public void DeleteFile(string path) => _inner.DeleteFile(path);

    public bool DeleteEmptyDirectory(string path) => _inner.DeleteEmptyDirectory(path);
}
