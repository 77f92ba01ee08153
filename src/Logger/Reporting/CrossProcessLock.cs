namespace Wandb.TestLogger.Reporting;

/// <summary>
/// An exclusive lock on a file in the temp folder, named after what it guards, so test projects that finish
/// at the same moment refresh the reports of one store one after another. The file is never deleted:
/// deleting it on release would let two waiters lock two different files.
/// </summary>
internal static class CrossProcessLock
{
    public static IDisposable Acquire(string guardedPath, TimeSpan timeout)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wandb-reports-{Fnv(Path.GetFullPath(guardedPath)):x8}.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
        }
    }

    // FNV-1a: string hash codes are randomised per process, and every process must pick the same file.
    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
