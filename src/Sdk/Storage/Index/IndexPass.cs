using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>
/// One pass of <see cref="RunIndex"/> over the store: every run in id order and the same runs by id (which the snapshot
/// written from the pass keeps), how far the batch files are read, whether the snapshot must be written again, whether
/// a run's folder left the store (the snapshot is then written whole, without it), why the snapshot no longer stands
/// (null when it does), the run folders it saw (null when it stopped early) and the runs it changed (null when it stopped early).
/// </summary>
internal sealed record IndexPass(IReadOnlyList<IndexedRun> Runs, Dictionary<string, IndexedRun> RunsById, IReadOnlyDictionary<string, BatchFilePosition> Batches, bool Changed, bool Removed, string? Mismatch, HashSet<string>? Folders = null, RunChanges? Changes = null)
{
    /// <summary>A pass that stopped early, for <paramref name="reason"/>: no run, the snapshot to be written again.</summary>
    public static IndexPass Stopped(IReadOnlyDictionary<string, BatchFilePosition> batches, string reason) =>
        new(Array.Empty<IndexedRun>(), new Dictionary<string, IndexedRun>(StringComparer.Ordinal), batches, Changed: true, Removed: false, reason);
}
