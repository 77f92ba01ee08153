using Wandb.Grouping.Aggregates;

namespace Wandb.Storage;

/// <summary>What a store object read ahead for the next report (<see cref="RunStore.Prepare"/>).</summary>
/// <param name="Runs">The runs of the groups that report will likely show in full.</param>
/// <param name="Aggregates">The aggregates of the other groups, which that report will likely summarise, as the store keeps them (the folder store's group index); none for a store that keeps none.</param>
internal sealed record StoreReadAhead(IReadOnlyList<StoredRun> Runs, IReadOnlyList<GroupAggregate> Aggregates)
{
    public static StoreReadAhead None { get; } = new(Array.Empty<StoredRun>(), Array.Empty<GroupAggregate>());
}
