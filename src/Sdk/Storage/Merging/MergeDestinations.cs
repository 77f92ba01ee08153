using Wandb.Diagnostics;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Storage.Merging;

/// <summary>Picks the merge destination for an opened store.</summary>
internal static class MergeDestinations
{
    public static IMergeDestination For(RunStore store, IWandbOutput output) => store switch
    {
        FolderRunStore folder => new FolderMergeDestination(folder.Layout.Root, PhysicalStoreFileSystem.Instance, output),
        PostgresRunStore postgres => new PostgresMergeDestination(postgres),
        _ => throw new NotSupportedException($"Cannot merge into {store.Location}."),
    };
}
