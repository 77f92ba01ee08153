namespace Wandb.Storage.Merging;

/// <summary>A run (or one writer of it) that exists in the destination with different content; the destination's was kept.</summary>
internal sealed record MergeConflict(string RunId, string? WriterId, string Source, string Message);
