namespace Wandb.Storage.Batches;

/// <summary>
/// One finished run recorded in bulk: what a run folder would hold as <c>run.json</c> and one writer's
/// <c>&lt;writer&gt;.state.json</c>. One line of a batch file (docs/store-format.md).
/// </summary>
internal sealed record RunBatchRecord(RunMetadataFile Run, WriterStateFile State)
{
    /// <summary>Refuses a record of another writer: a batch writer appends for its own writer id only.</summary>
    /// <exception cref="ArgumentException">The record's state names another writer.</exception>
    public void RequireWriter(string writerId)
    {
        if (!string.Equals(State.Writer, writerId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The record's writer '{State.Writer}' is not this batch writer's '{writerId}'.", "record");
        }
    }
}
