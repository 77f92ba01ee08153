using Wandb.Storage.Folder;

namespace Wandb.Storage.Watching;

/// <summary>
/// Watches a folder store through file metadata only. A new run or a replaced writer state (written by
/// rename) changes a directory's time; rows appended to a history change its file's length. So the quick
/// check looks at <c>runs/</c>, the batch files and the folders of the running runs; the full one at every run folder.
/// </summary>
internal sealed class FolderStoreProbe : IStoreProbe
{
    private readonly StoreLayout _layout;

    public FolderStoreProbe(StoreLayout layout) => _layout = layout;

    public long Quick(IReadOnlyCollection<string> activeRunIds)
    {
        var fingerprint = Fingerprint.Start();
        AddDirectory(ref fingerprint, _layout.Root);
        AddDirectory(ref fingerprint, _layout.RunsDirectory);
        AddFiles(ref fingerprint, _layout.BatchesDirectory);
        foreach (var id in activeRunIds)
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

    private static void AddDirectory(ref Fingerprint fingerprint, string path)
    {
        var directory = new DirectoryInfo(path);
        fingerprint.Add(directory.Exists ? directory.LastWriteTimeUtc.Ticks : -1);
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
