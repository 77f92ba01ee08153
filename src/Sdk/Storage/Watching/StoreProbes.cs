using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Storage.Watching;

/// <summary>Picks the change probe for an opened store.</summary>
internal static class StoreProbes
{
    public static IStoreProbe For(RunStore store) => store switch
    {
        FolderRunStore folder => new FolderStoreProbe(folder.Layout),
        PostgresRunStore postgres => new PostgresStoreProbe(postgres),
        _ => throw new NotSupportedException($"Cannot watch {store.Location} for changes."),
    };
}
