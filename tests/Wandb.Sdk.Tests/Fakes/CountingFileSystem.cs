using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>The real file system, counting the history and batch files opened for reading.</summary>
internal sealed class CountingFileSystem : PassThroughFileSystem
{
    private int _historyReads;
    private int _batchReads;

    /// <summary>History files (<c>*.history.jsonl</c>) opened for reading so far.</summary>
    public int HistoryReads => Volatile.Read(ref _historyReads);

    /// <summary>Batch files (<c>*.runs.jsonl</c>) opened for reading so far.</summary>
    public int BatchReads => Volatile.Read(ref _batchReads);

    public override Stream OpenRead(string path)
    {
        if (path.EndsWith(StoreLayout.HistorySuffix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _historyReads);
        }

        if (path.EndsWith(StoreLayout.BatchSuffix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _batchReads);
        }

        return base.OpenRead(path);
    }
}
