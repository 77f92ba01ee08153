namespace Wandb.Storage.Index;

/// <summary>What a listing through the run index found: every run in id order, and why the index was rebuilt, if it was.</summary>
/// <param name="Runs">Every run, in id order.</param>
/// <param name="RebuildReason">Why the index was rebuilt; null when it was not.</param>
/// <param name="Snapshot">The snapshot file as the listing left it; null when it has no generation or could not be written.</param>
/// <param name="SnapshotRead">The file's bytes as read, which the lines of runs read from it are slices of (<see cref="IndexSnapshot.Read"/>).</param>
/// <param name="Changes">
/// When the listing was made from the same store object's listing before (<see cref="RunChanges.Since"/>), the runs that
/// differ from it; null otherwise.
/// </param>
internal sealed record IndexListing(IReadOnlyList<IndexedRun> Runs, string? RebuildReason, SnapshotMark? Snapshot = null, SnapshotFileBytes? SnapshotRead = null, RunChanges? Changes = null);
