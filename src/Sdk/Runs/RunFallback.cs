using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>
/// Where one writer of a run goes when its store has failed for good (the memory buffer is full, or the run
/// ends with rows the store would not take): a folder store elsewhere that holds the rest of the writer, and
/// the command that merges it back. Created by the store (<see cref="RunStore.CreateFallback"/>).
/// </summary>
internal sealed class RunFallback
{
    private readonly Func<long, IRunWriter> _open;

    public RunFallback(string runId, string directory, string mergeInstruction, Func<long, IRunWriter> open)
    {
        RunId = runId;
        Directory = directory;
        MergeInstruction = mergeInstruction;
        _open = open;
    }

    public string RunId { get; }

    /// <summary>The fallback folder store.</summary>
    public string Directory { get; }

    /// <summary>The command that merges the fallback folder back into the store.</summary>
    public string MergeInstruction { get; }

    /// <summary>Creates the run there and a writer that continues after the <paramref name="firstSeq"/> rows the store holds.</summary>
    /// <exception cref="IOException">The fallback folder cannot be written either.</exception>
    public IRunWriter Open(long firstSeq) => _open(firstSeq);
}
