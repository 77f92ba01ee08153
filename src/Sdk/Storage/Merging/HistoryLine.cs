namespace Wandb.Storage.Merging;

/// <summary>A readable history line of a source store, with the fields the destination indexes.</summary>
internal sealed record HistoryLine(long Step, double Timestamp, string Text);
