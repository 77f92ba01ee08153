namespace Wandb.Interop.TransactionLog;

/// <summary>A transaction log whose bytes are not what its writer wrote: a checksum mismatch, a wrong file header or impossible chunks.</summary>
internal sealed class CorruptLogException : IOException
{
    public CorruptLogException(long offset, string problem)
        : base($"{problem} at offset {offset}")
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Where in the file the bad bytes start.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the offset.</summary>
    public string Problem { get; }
}
