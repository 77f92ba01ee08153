using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>
/// One pass of <see cref="RunIndex"/> over the store: every run in id order, how far the batch files are read,
/// whether the snapshot must be written again, whether a run's folder left the store (the snapshot is then written whole, without it),
/// why the snapshot no longer stands (null when it does), the run folders it saw (null when it stopped early) and the same
/// runs by id (null when it stopped early), which the snapshot written from the pass keeps.
/// </summary>
internal sealed record IndexPass(IReadOnlyList<IndexedRun> Runs, IReadOnlyDictionary<string, BatchFilePosition> Batches, bool Changed, bool Removed, string? Mismatch, HashSet<string>? Folders = null, Dictionary<string, IndexedRun>? RunsById = null);
