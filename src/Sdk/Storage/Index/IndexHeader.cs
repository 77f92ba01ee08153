using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>
/// The first line of the index snapshot: what it is, its version, how many run lines of the base follow, how far each
/// batch file was read, and the base's generation: a random id given each time the base is written whole (null in
/// files written before it existed). Segments are only appended after the base, so while the generation stays the same
/// every byte up to a whole segment's end stays as it was (<see cref="SnapshotMark"/>).
/// </summary>
internal sealed record IndexHeader(int Version, long Runs, IReadOnlyDictionary<string, BatchFilePosition> Batches, string? Generation = null)
{
    public const string FormatName = "wandb-run-index";
    public const int CurrentVersion = 2;
}
