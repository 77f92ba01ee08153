namespace Wandb.Storage.Merging;

/// <summary>A run of a folder store being merged, as its files say.</summary>
internal sealed record SourceRun(RunMetadataFile Metadata, IReadOnlyList<SourceWriter> Writers);
