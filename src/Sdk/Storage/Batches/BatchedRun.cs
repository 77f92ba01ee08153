namespace Wandb.Storage.Batches;

/// <summary>What the batch files of a store say about one run: its metadata and the latest state of each writer.</summary>
internal sealed class BatchedRun
{
    /// <summary>
    /// The state of a retention tombstone: a record appended to a batch file of its own by the process that deleted
    /// the run, since a batch file holds other runs too and is never rewritten (docs/store-format.md).
    /// </summary>
    public const string DeletedState = "deleted";

    private readonly Dictionary<string, WriterStateFile> _states = new(StringComparer.Ordinal);

    public BatchedRun(RunMetadataFile metadata) => Metadata = metadata;

    /// <summary>The metadata of the run's first record; a <c>run.json</c> in the run's folder takes precedence.</summary>
    public RunMetadataFile Metadata { get; }

    /// <summary>Every writer's latest record as written, tombstones included (the run index keeps them).</summary>
    public IReadOnlyCollection<WriterStateFile> States => _states.Values;

    /// <summary>Whether retention deleted the run: its batch records no longer make it a run of the store.</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>The states of the run's writers, without tombstones.</summary>
    public List<WriterStateFile> WriterStates => IsDeleted ? _states.Values.Where(s => !IsTombstone(s)).ToList() : new List<WriterStateFile>(_states.Values);

    public static bool IsTombstone(WriterStateFile state) => string.Equals(state.State, DeletedState, StringComparison.Ordinal);

    /// <summary>Records a writer's state; a later record of the same writer replaces the earlier one.</summary>
    public void Add(WriterStateFile state)
    {
        _states[state.Writer] = state;
        IsDeleted |= IsTombstone(state);
    }

    /// <summary>
    /// The states of a run that also has a folder: the folder's writers, plus the batch writers the folder
    /// lacks. When both hold the same writer, the more recently updated state wins.
    /// </summary>
    public List<WriterStateFile> CombineWith(IEnumerable<WriterStateFile> folderStates)
    {
        var combined = WriterStates.ToDictionary(s => s.Writer, StringComparer.Ordinal);
        foreach (var state in folderStates)
        {
            if (!combined.TryGetValue(state.Writer, out var batched) || state.UpdatedAt >= batched.UpdatedAt)
            {
                combined[state.Writer] = state;
            }
        }

        return combined.Values.ToList();
    }
}
