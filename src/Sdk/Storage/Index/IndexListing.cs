namespace Wandb.Storage.Index;

/// <summary>What a listing through the run index found: every run in id order, and why the index was rebuilt, if it was.</summary>
internal sealed record IndexListing(IReadOnlyList<IndexedRun> Runs, string? RebuildReason);
