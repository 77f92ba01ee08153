using System.Diagnostics;

namespace Wandb.Environment;

/// <summary>
/// Opens a file that no other process may open meanwhile (FileShare.None: an exclusive lock on Unix), waiting
/// while another holds it: the cross-process locks (<see cref="CrossProcessLock"/>, the run index's lock) and the
/// run index's journals, held for the moment of one append or of reading one whole, all wait this one way.
/// </summary>
internal static class ExclusiveFile
{
    /// <exception cref="IOException">Another process still held the file after <paramref name="patience"/>, or it could not be opened at all.</exception>
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
}
