namespace Wandb.Storage.Index;

/// <summary>A file's length and last write time: what tells a process that someone else rewrote or appended to it.</summary>
internal readonly record struct FileIdentity(long Length, DateTime LastWriteUtc)
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when it is missing or cannot be read.</summary>
    public static FileIdentity? Of(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists ? new FileIdentity(file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
