namespace Wandb.Storage.Batches;

/// <summary>What the batch files of a store say about one run: its metadata and the latest state of each writer.</summary>
internal sealed class BatchedRun
{
    private readonly Dictionary<string, WriterStateFile> _states = new(StringComparer.Ordinal);

    public BatchedRun(RunMetadataFile metadata) => Metadata = metadata;

    /// <summary>The metadata of the run's first record; a <c>run.json</c> in the run's folder takes precedence.</summary>
    public RunMetadataFile Metadata { get; }

    public IReadOnlyCollection<WriterStateFile> States => _states.Values;

    /// <summary>Records a writer's state; a later record of the same writer replaces the earlier one.</summary>
    public void Add(WriterStateFile state) => _states[state.Writer] = state;

    /// <summary>
    /// The states of a run that also has a folder: the folder's writers, plus the batch writers the folder
    /// lacks. When both hold the same writer, the more recently updated state wins.
    /// </summary>
    public List<WriterStateFile> CombineWith(IEnumerable<WriterStateFile> folderStates)
    {
        var combined = new Dictionary<string, WriterStateFile>(_states, StringComparer.Ordinal);
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
