using Wandb.Storage.Folder;

namespace Wandb.Storage.Watching;

/// <summary>
/// Watches a folder store through file metadata only. A new run or a replaced writer state (written by
/// rename) changes a directory's time; rows appended to a history change its file's length. So the quick
/// check looks at <c>runs/</c>, the batch files and the folders of the running runs; the full one at every run folder.
/// </summary>
internal sealed class FolderStoreProbe : IStoreProbe
{
    /// <summary>How long a newly seen run folder is watched closely, whether or not a listing has shown it running yet.</summary>
    private static readonly TimeSpan NewRunWatch = TimeSpan.FromMinutes(2);

    private readonly StoreLayout _layout;
    private readonly Func<DateTime> _now;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _new = new(StringComparer.Ordinal);
    private long? _runsTime;

    public FolderStoreProbe(StoreLayout layout, Func<DateTime>? now = null)
    {
        _layout = layout;
        _now = now ?? (() => DateTime.UtcNow);
    }

    public long Quick(IReadOnlyCollection<string> activeRunIds)
    {
        var fingerprint = Fingerprint.Start();
        AddDirectory(ref fingerprint, _layout.Root);
        var runsTime = AddDirectory(ref fingerprint, _layout.RunsDirectory);
        AddFiles(ref fingerprint, _layout.BatchesDirectory);
        if (runsTime != _runsTime)
        {
            // A run folder appeared: its run.json may land a moment after the folder, after a listing already
            // missed it, so new folders are watched like running runs for a while.
            NoteNewRuns(seeding: _runsTime is null);
            _runsTime = runsTime;
        }

        var now = _now();
        foreach (var expired in _new.Where(p => now - p.Value > NewRunWatch).Select(p => p.Key).ToList())
        {
            _new.Remove(expired);
        }

        foreach (var id in activeRunIds.Concat(_new.Keys.Where(id => !activeRunIds.Contains(id))))
        {
            // Ids come from the store's own listing, which only returns valid ids: no path leaves runs/.
            if (RunId.TryValidate(id, out _))
            {
                var directory = _layout.RunDirectory(id);
                AddDirectory(ref fingerprint, directory);
                AddFiles(ref fingerprint, directory);
            }
        }

        return fingerprint.Value;
    }

    public long Full()
    {
        var fingerprint = Fingerprint.Start();
        var runs = new DirectoryInfo(_layout.RunsDirectory);
        if (runs.Exists)
        {
            foreach (var directory in runs.EnumerateDirectories())
            {
                fingerprint.Add(directory.Name);
                fingerprint.Add(directory.LastWriteTimeUtc.Ticks);
            }
        }

        return fingerprint.Value;
    }

    private void NoteNewRuns(bool seeding)
    {
        var runs = new DirectoryInfo(_layout.RunsDirectory);
        if (!runs.Exists)
        {
            return;
        }

        var now = _now();
        foreach (var directory in runs.EnumerateDirectories())
        {
            if (_known.Add(directory.Name) && !seeding)
            {
                _new[directory.Name] = now;
            }
        }
    }

    private static long AddDirectory(ref Fingerprint fingerprint, string path)
    {
        var directory = new DirectoryInfo(path);
        var time = directory.Exists ? directory.LastWriteTimeUtc.Ticks : -1;
        fingerprint.Add(time);
        return time;
    }

    private static void AddFiles(ref Fingerprint fingerprint, string path)
    {
        var directory = new DirectoryInfo(path);
        if (!directory.Exists)
        {
            return;
        }

        try
        {
            foreach (var file in directory.EnumerateFiles())
            {
                fingerprint.Add(file.Name);
                fingerprint.Add(file.Length);
                fingerprint.Add(file.LastWriteTimeUtc.Ticks);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder removed or renamed while listed: the change itself moves the fingerprint next time.
            fingerprint.Add(-2);
        }
    }
}
