namespace Wandb.Storage.Batches;

/// <summary>How much of one batch file a reader has taken in: whole lines only, so a line being appended is read once it is complete.</summary>
internal readonly record struct BatchFilePosition(long Bytes, long Lines);
