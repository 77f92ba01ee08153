using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>
/// One pass of <see cref="RunIndex"/> over the store: every run in id order, how far the batch files are read,
/// whether the snapshot must be written again, whether a run's folder left the store (the snapshot is then written whole, without it),
/// and why the snapshot no longer stands (null when it does).
/// </summary>
internal sealed record IndexPass(IReadOnlyList<IndexedRun> Runs, IReadOnlyDictionary<string, BatchFilePosition> Batches, bool Changed, bool Removed, string? Mismatch);
