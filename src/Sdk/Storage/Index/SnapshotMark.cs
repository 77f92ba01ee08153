namespace Wandb.Storage.Index;

/// <summary>
/// How far into which snapshot file something saw: the base's generation (<see cref="IndexHeader.Generation"/>) and the
/// bytes up to the end of its last whole segment. While the file keeps that generation, those bytes are unchanged (the
/// base is only ever replaced whole, with a new generation, and segments are only appended), so a run's line that lies
/// within them is the very line seen then. The group index records the mark of the listing it was computed from, and
/// a later listing takes every run whose line lies within it as fingerprinted already (<see cref="Groups.GroupIndexUpdate"/>).
/// </summary>
internal sealed record SnapshotMark(string Generation, long Bytes);
