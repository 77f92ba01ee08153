using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>
/// Where one writer of a run goes when its store has failed for good (the memory buffer is full, or the run
/// ends with rows the store would not take): a folder store elsewhere that holds the rest of the writer, and
/// the command that merges it back. Created by the store (<see cref="RunStore.CreateFallback"/>).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Directory">The fallback folder store.</param>
/// <param name="MergeInstruction">The command that merges the fallback folder back into the store.</param>
/// <param name="Open">
/// Creates the run in the fallback folder and a writer that continues after the given number of rows, which the
/// store holds; throws <see cref="IOException"/> when the fallback folder cannot be written either.
/// </param>
internal sealed record RunFallback(string RunId, string Directory, string MergeInstruction, Func<long, IRunWriter> Open);
