using Wandb.Storage;

namespace Wandb.Build.Tasks.Tests.Fakes;

/// <summary>The real file system with creating a run's <c>run.json</c> delayed, as on a slow or busy disk, so a run that is created in the background shows it.</summary>
internal sealed class SlowCreationFileSystem : IStoreFileSystem
{
    private readonly IStoreFileSystem _inner = PhysicalStoreFileSystem.Instance;
    private readonly TimeSpan _delay;

    public SlowCreationFileSystem(TimeSpan delay) => _delay = delay;

    public bool FileExists(string path) => _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    public void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public Stream OpenAppend(string path) => _inner.OpenAppend(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public bool TryCreateNew(string path, byte[] content)
    {
        Thread.Sleep(_delay);
        return _inner.TryCreateNew(path, content);
    }

    public void WriteAtomic(string path, byte[] content, bool durable) => _inner.WriteAtomic(path, content, durable);

    public IEnumerable<string> EnumerateDirectories(string path) => _inner.EnumerateDirectories(path);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => _inner.EnumerateFiles(path, searchPattern);

    public void FlushToDisk(Stream stream) => _inner.FlushToDisk(stream);
}
