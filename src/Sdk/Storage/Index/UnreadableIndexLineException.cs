namespace Wandb.Storage.Index;

/// <summary>
/// A run's line in the index snapshot passed the check of its head (<see cref="IndexLineCodec.ReadRunHead"/>) but its
/// documents do not read (a file edited by hand, a disk error): the listing rebuilds the index from the run files.
/// </summary>
internal sealed class UnreadableIndexLineException : Exception
{
    public UnreadableIndexLineException(string runId, Exception inner)
        : base($"the line of run {runId} is torn or invalid ({inner.Message})", inner)
    {
    }
}
