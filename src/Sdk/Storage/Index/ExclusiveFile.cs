using System.Diagnostics;

namespace Wandb.Storage.Index;

/// <summary>
/// Opens a file that no other process may open meanwhile (FileShare.None: an exclusive lock on Unix), waiting
/// while another holds it. A journal is held this way for the moment of one append, or of reading it whole.
/// </summary>
internal static class ExclusiveFile
{
    public static FileStream Open(string path, FileMode mode, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && clock.Elapsed < patience)
            {
                // Held by another process (or thread) for a few microseconds: try again shortly.
                Thread.Sleep(Math.Min(1 + attempt, 20));
            }
        }
    }

    /// <summary>Like <see cref="Open"/> without waiting: null while another process holds the file.</summary>
    public static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(path))
        {
            return null;
        }
    }
}
