namespace Wandb.Storage;

/// <summary>The real file system.</summary>
internal sealed class PhysicalStoreFileSystem : IStoreFileSystem
{
    public static readonly PhysicalStoreFileSystem Instance = new();

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public Stream OpenAppend(string path) =>
        new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.None);

    /// <summary>
    /// Opens a file to read, with a small buffer of its own: every reader here reads in blocks of kilobytes (a whole small
    /// file, 16 Ki chars of text), which a file stream passes straight through, and a 64 KiB buffer per file made a refresh
    /// that reads 20 run folders and histories allocate a megabyte and more for nothing.
    /// </summary>
    public Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 4096, FileOptions.SequentialScan);

    public bool TryCreateNew(string path, byte[] content)
    {
        // The content goes to a temporary name first so no reader ever sees a half-written file. On Unix,
        // File.Move without overwrite links the new name, which fails if it exists: the first process wins.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, content);
        try
        {
            File.Move(temp, path);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    public void WriteAtomic(string path, byte[] content, bool durable) => AtomicFile.Write(path, content, durable);

    public IEnumerable<string> EnumerateDirectories(string path) =>
        Directory.Exists(path) ? Directory.EnumerateDirectories(path) : Enumerable.Empty<string>();

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, searchPattern) : Enumerable.Empty<string>();

    public void FlushToDisk(Stream stream)
    {
        if (stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            stream.Flush();
        }
    }

    public void DeleteFile(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public bool DeleteEmptyDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path, recursive: false);
            }

            return !Directory.Exists(path);
        }
        catch (IOException)
        {
            // Something was created in it meanwhile: it stays.
            return false;
        }
    }
}
