namespace Wandb.Storage;

/// <summary>The outcome of opening a run: its stored identity, whether it existed, and the step to continue from.</summary>
internal sealed record RunOpenResult(RunMetadataFile Metadata, bool Attached, long NextStep);
