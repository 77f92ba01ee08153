using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>The first line of the index snapshot: what it is, its version, how many run lines of the base follow, and how far each batch file was read.</summary>
internal sealed record IndexHeader(int Version, long Runs, IReadOnlyDictionary<string, BatchFilePosition> Batches)
{
    public const string FormatName = "wandb-run-index";
    public const int CurrentVersion = 2;
}
