using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>Opens runs and stores in-process with the real edges, except output (collected) and the store options.</summary>
internal static class TestRuns
{
    public static Run Init(RunOptions options, string? connectionString, string folder, RecordingOutput output, RecorderLimits? limits = null, PostgresStoreOptions? storeOptions = null, Wandb.Environment.IClock? clock = null)
    {
        var context = RunContext.Default with
        {
            Environment = new Wandb.Environment.DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DISABLE_GIT"] = "true" }),
            Output = output,
            CurrentDirectory = folder,
            Limits = limits ?? RecorderLimits.Default,
            Clock = clock ?? Wandb.Environment.SystemClock.Instance,
        };
        options.Dir ??= folder;
        var store = connectionString is null ? null : OpenPostgres(connectionString, Wandb.Settings.StoreLocator.Resolve(options.Dir, folder), output, storeOptions);
        return Run.Init(options, context, store);
    }

    public static PostgresRunStore OpenPostgres(string connectionString, string spillFolder, Wandb.Diagnostics.IWandbOutput output, PostgresStoreOptions? options = null) =>
        new(PostgresConnectionInfo.Parse(connectionString, "WANDB_STORE"), spillFolder, PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance, options ?? PostgresStoreOptions.Default);

    public static FolderRunStore OpenFolder(string folder, Wandb.Diagnostics.IWandbOutput output) =>
        new(folder, PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance);
}
