using Wandb.Storage.Folder;

namespace Wandb.Storage.Batches;

/// <summary>
/// Every run recorded in the batch files of a folder store (<c>batches/*.runs.jsonl</c>), read in one pass.
/// Reading a few large files is what makes a store of thousands of test results quick to list.
/// </summary>
internal sealed class RunBatchIndex
{
    private static readonly IReadOnlyDictionary<string, BatchFilePosition> FromStart = new Dictionary<string, BatchFilePosition>();
    private readonly Dictionary<string, BatchedRun> _runs = new(StringComparer.Ordinal);

    private RunBatchIndex()
    {
    }

    public static RunBatchIndex Empty { get; } = new();

    public BatchedRun? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    /// <summary>Every run id of a store whose run folders are <paramref name="folderIds"/>: each once, in ordinal order.</summary>
    public List<string> RunIdsWith(ISet<string> folderIds) =>
        folderIds.Concat(_runs.Keys.Where(id => !folderIds.Contains(id))).OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>Reads all batch files in file-name order; unreadable lines are skipped with WANDB008.</summary>
    public static RunBatchIndex Read(StoreLayout layout, IStoreFileSystem fs, Diagnostics.IWandbOutput output)
    {
        var records = BatchTail.Read(layout, fs, FromStart, output).Records;
        if (records.Count == 0)
        {
            return Empty;
        }

        var index = new RunBatchIndex();
        foreach (var record in records)
        {
            if (!index._runs.TryGetValue(record.Run.Id, out var run))
            {
                run = new BatchedRun(record.Run);
                index._runs.Add(record.Run.Id, run);
            }

            run.Add(record.State);
        }

        return index;
    }
}
