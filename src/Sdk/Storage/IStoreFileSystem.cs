namespace Wandb.Storage;

/// <summary>
/// The file operations the folder store needs. The physical file system in production; tests wrap it to
/// simulate a full disk or a folder that cannot be written, which root cannot get from file permissions.
/// </summary>
internal interface IStoreFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    void CreateDirectory(string path);

    /// <summary>Opens a file for appending, creating it if needed; other processes may read it meanwhile.</summary>
    Stream OpenAppend(string path);

    /// <summary>Opens a file for reading while other processes may still append to it.</summary>
    Stream OpenRead(string path);

    /// <summary>Creates <paramref name="path"/> with <paramref name="content"/> only if it does not exist; false if it did.</summary>
    bool TryCreateNew(string path, byte[] content);

    /// <summary>Replaces the file's content in one step (write a temporary file, then rename), so readers see the old or the new content, never a mix.</summary>
    void WriteAtomic(string path, byte[] content, bool durable);

    IEnumerable<string> EnumerateDirectories(string path);

    IEnumerable<string> EnumerateFiles(string path, string searchPattern);

    /// <summary>Forces written data of <paramref name="stream"/> to the device.</summary>
    void FlushToDisk(Stream stream);

    /// <summary>Deletes a file if it exists.</summary>
    void DeleteFile(string path);

    /// <summary>Deletes a folder if it exists and is empty; false when it holds anything (another process may be using it).</summary>
    bool DeleteEmptyDirectory(string path);
}
