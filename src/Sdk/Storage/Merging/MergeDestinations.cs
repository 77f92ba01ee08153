using Wandb.Storage.Postgres;

namespace Wandb.Storage.Merging;

/// <summary>Picks the merge destination for an opened store.</summary>
internal static class MergeDestinations
{
    public static IMergeDestination For(RunStore store) => store switch
    {
        FolderRunStore folder => new FolderMergeDestination(folder.Layout.Root, PhysicalStoreFileSystem.Instance),
        PostgresRunStore postgres => new PostgresMergeDestination(postgres),
        _ => throw new NotSupportedException($"Cannot merge into {store.Location}."),
    };
}
