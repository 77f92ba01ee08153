using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Cli.Stores;

/// <summary>
/// Opens the store a command works on, by the rule every entry point shares: <c>--store</c> (a folder, or a
/// PostgreSQL connection string), else <c>WANDB_STORE</c>, else <c>WANDB_DIR</c>, else the repository's
/// <c>wandb</c> folder (<see cref="StoreFactory"/>, <see cref="StoreLocator"/>). A connection string is
/// never repeated in a message: errors name the option, and the store is shown by its password-free location.
/// </summary>
internal static class StoreSelection
{
    /// <param name="value">The value of <c>--store</c>, or null.</param>
    /// <param name="context">Environment and current folder.</param>
    /// <param name="output">Where the store's warnings go.</param>
    /// <param name="mustExist">Reading commands: a folder store that does not exist is an error (most likely a typo), not an empty store.</param>
    /// <exception cref="CommandFailure">The value is not usable, or the folder does not exist.</exception>
    public static RunStore Open(string? value, CliContext context, IWandbOutput output, bool mustExist)
    {
        var spill = StoreLocator.Resolve(context.Environment.Get(WandbVariables.Dir), context.CurrentDirectory);
        RunStore store;
        if (value is null)
        {
            store = Open(() => StoreFactory.Open(context.Environment.Get(WandbVariables.Store), spill, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance));
        }
        else if (string.IsNullOrWhiteSpace(value))
        {
            throw CommandFailure.Usage($"{StoreOption.Name} is empty; give a folder or a PostgreSQL connection string, or leave it out to use WANDB_STORE, WANDB_DIR or the repository's wandb folder.");
        }
        else if (PostgresConnectionInfo.LooksLikeConnectionString(value))
        {
            store = Open(() => StoreFactory.Open(value, spill, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance, StoreOption.Name));
        }
        else
        {
            store = new FolderRunStore(Path.GetFullPath(Path.Combine(context.CurrentDirectory, value.Trim())), PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);
        }

        if (mustExist && store is FolderRunStore folder && !Directory.Exists(folder.Layout.Root))
        {
            var origin = value is not null ? StoreOption.Name
                : context.Environment.Get(WandbVariables.Dir) is { Length: > 0 } ? WandbVariables.Dir
                : "the default location (the repository's wandb folder)";
            throw CommandFailure.Failed($"There is no run store at {folder.Layout.Root} (from {origin}): the folder does not exist. Give the store with {StoreOption.Name} <folder | connection string>, or set WANDB_DIR or WANDB_STORE.");
        }

        return store;
    }

    /// <summary>Whether a <c>--store</c> value names a PostgreSQL database rather than a folder.</summary>
    public static bool IsConnectionString(string? value) => value is not null && PostgresConnectionInfo.LooksLikeConnectionString(value);

    private static RunStore Open(Func<RunStore> open)
    {
        try
        {
            return open();
        }
        catch (ArgumentException ex)
        {
            throw CommandFailure.Usage(WandbCli.MessageOf(ex));
        }
    }
}
