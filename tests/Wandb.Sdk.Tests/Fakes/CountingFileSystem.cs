using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>The real file system, counting the history files opened for reading.</summary>
internal sealed class CountingFileSystem : PassThroughFileSystem
{
    private int _historyReads;

    /// <summary>History files (<c>*.history.jsonl</c>) opened for reading so far.</summary>
    public int HistoryReads => Volatile.Read(ref _historyReads);

    public override Stream OpenRead(string path)
    {
        if (path.EndsWith(StoreLayout.HistorySuffix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _historyReads);
        }

        return base.OpenRead(path);
    }
}
