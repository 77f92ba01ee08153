using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>
/// The last line of a segment appended to the index snapshot: how many run lines the segment holds (they
/// precede it), how many runs the index holds with them, and how far each batch file is read now.
/// </summary>
internal sealed record IndexSegment(long Lines, long Runs, IReadOnlyDictionary<string, BatchFilePosition> Batches);
