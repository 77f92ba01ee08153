namespace Wandb.Storage.Batches;

/// <summary>
/// The batch writer of stores without a bulk format: each record opens (or attaches to) its run and writes
/// one finished writer state, at once. Nothing is buffered.
/// </summary>
internal sealed class PerRunBatchWriter : IRunBatchWriter
{
    private readonly RunStore _store;

    public PerRunBatchWriter(RunStore store) => _store = store;

    public int Pending => 0;

    public void Append(RunBatchRecord record)
    {
        _store.OpenRun(record.Run, ResumeMode.Allow);
        using var writer = _store.CreateWriter(record.Run.Id, record.State.Writer);
        writer.WriteState(record.State, durable: false);
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
