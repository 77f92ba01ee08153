using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Storage;

/// <summary>
/// The one place that turns settings into a store, used by every entry point (SDK, MSBuild tasks, test
/// logger, reports, merging): a PostgreSQL connection string in <c>WANDB_STORE</c> (or the MSBuild property
/// or logger parameter mapped to it) selects the shared store, with the folder as its spill target;
/// otherwise the folder store.
/// </summary>
internal static class StoreFactory
{
    /// <summary>Opens the store for <paramref name="store"/> (a connection string, or null/empty for the folder).</summary>
    /// <param name="store">The value of <c>WANDB_STORE</c> or what maps to it; null or blank selects the folder store.</param>
    /// <param name="folder">The folder store (resolved with <see cref="StoreLocator"/>); the spill target of the shared store.</param>
    /// <param name="fileSystem">File system of the folder store.</param>
    /// <param name="output">Where warnings go.</param>
    /// <param name="clock">Clock for heartbeats.</param>
    /// <param name="source">Name of the setting <paramref name="store"/> came from, used in error messages.</param>
    /// <exception cref="ArgumentException">The value is not a PostgreSQL connection string (the message names the setting, never the value).</exception>
    public static RunStore Open(string? store, string folder, IStoreFileSystem fileSystem, IWandbOutput output, IClock clock, string source = WandbVariables.Store)
    {
        if (string.IsNullOrWhiteSpace(store))
        {
            return new FolderRunStore(folder, fileSystem, output, clock);
        }

        if (!PostgresConnectionInfo.LooksLikeConnectionString(store!))
        {
            throw new ArgumentException(
                $"{source} must be a PostgreSQL connection string such as Host=db.example;Database=wandb;Username=ci;Password=... (the value is not shown because it may hold a password). For a folder store, leave it unset and set WANDB_DIR.",
                source);
        }

        return new PostgresRunStore(PostgresConnectionInfo.Parse(store!, source), folder, fileSystem, output, clock, PostgresStoreOptions.Default);
    }

    /// <summary>Opens the store selected by <c>WANDB_STORE</c>, else the folder from <paramref name="directory"/>, <c>WANDB_DIR</c> or the default location.</summary>
    public static RunStore Open(string? directory, IEnvironmentVariables env, string currentDirectory, IWandbOutput output) =>
        Open(
            env.Get(WandbVariables.Store),
            StoreLocator.Resolve(directory ?? env.Get(WandbVariables.Dir), currentDirectory),
            PhysicalStoreFileSystem.Instance,
            output,
            SystemClock.Instance);
}
