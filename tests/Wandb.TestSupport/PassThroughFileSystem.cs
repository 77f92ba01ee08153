using Wandb.Storage;

namespace Wandb.TestSupport;

/// <summary>
/// The real file system, every operation passed through, for fakes that change one of them (a slow disk,
/// a slow run creation) and leave the rest as it is.
/// </summary>
internal abstract class PassThroughFileSystem : IStoreFileSystem
{
    protected IStoreFileSystem Inner { get; } = PhysicalStoreFileSystem.Instance;

    public virtual bool FileExists(string path) => Inner.FileExists(path);

    public virtual bool DirectoryExists(string path) => Inner.DirectoryExists(path);

    public virtual void CreateDirectory(string path) => Inner.CreateDirectory(path);

    public virtual Stream OpenAppend(string path) => Inner.OpenAppend(path);

    public virtual Stream OpenRead(string path) => Inner.OpenRead(path);

    public virtual bool TryCreateNew(string path, byte[] content) => Inner.TryCreateNew(path, content);

    public virtual void WriteAtomic(string path, byte[] content, bool durable) => Inner.WriteAtomic(path, content, durable);

    public virtual IEnumerable<string> EnumerateDirectories(string path) => Inner.EnumerateDirectories(path);

    public virtual IEnumerable<string> EnumerateFiles(string path, string searchPattern) => Inner.EnumerateFiles(path, searchPattern);

    public virtual void FlushToDisk(Stream stream) => Inner.FlushToDisk(stream);

    public virtual void DeleteFile(string path) => Inner.DeleteFile(path);

    public virtual bool DeleteEmptyDirectory(string path) => Inner.DeleteEmptyDirectory(path);
}
