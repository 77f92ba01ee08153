namespace Wandb.Environment;

/// <summary>
/// An exclusive lock that the processes of one machine take on a file named after what it guards, so they
/// do one thing at a time: refresh the reports of one store, append to one CI job summary. The file is
/// never deleted: deleting it on release would let two waiters lock two different files.
/// </summary>
internal static class CrossProcessLock
{
    /// <summary>Waits until no other process holds the lock, then holds it until disposed.</summary>
    /// <param name="directory">The folder every process taking this lock uses (the temp folder).</param>
    /// <param name="kind">What kind of thing is guarded; the start of the file name, such as <c>wandb-reports</c>.</param>
    /// <param name="guarded">Which one is guarded (a store location, a file path); hashed into the file name.</param>
    /// <param name="timeout">How long to wait for another process to release it.</param>
    /// <exception cref="IOException">Another process still held the lock after <paramref name="timeout"/>.</exception>
    public static IDisposable Acquire(string directory, string kind, string guarded, TimeSpan timeout)
    {
        var path = Path.Combine(directory, $"{kind}-{StableHash(guarded)}.lock");
        return ExclusiveFile.Open(path, FileMode.OpenOrCreate, timeout);
    }

    /// <summary>
    /// FNV-1a of <paramref name="text"/> as 8 hex digits, for file names that every process must derive
    /// alike: string hash codes are randomised per process.
    /// </summary>
    public static string StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
