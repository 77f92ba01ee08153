namespace Wandb.Storage.Merging;

/// <summary>One writer of a run in a folder store being merged: its state and where its history is.</summary>
/// <param name="State">The writer's state file.</param>
/// <param name="HistoryPath">Its history file (may not exist when it wrote no rows).</param>
/// <param name="FirstSeq">Rows of this writer that went elsewhere first (a writer that spilled from PostgreSQL); 0 otherwise.</param>
internal sealed record SourceWriter(WriterStateFile State, string HistoryPath, long FirstSeq);
