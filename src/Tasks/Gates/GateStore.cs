using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Gates;

/// <summary>The store the build and its test runs write to, for tasks that only read it: <c>WandbStore</c> / <c>WANDB_STORE</c>, else <c>WandbDir</c> / <c>WANDB_DIR</c>, else the repository's <c>wandb</c> folder.</summary>
internal static class GateStore
{
    public static RunStore Open(string? dir, string? connection, string projectDirectory, IEnvironmentVariables environment, IWandbOutput output)
    {
        var folder = StoreLocator.Resolve(NonEmpty(dir) ?? environment.Get(WandbVariables.Dir), projectDirectory);
        return NonEmpty(connection) is { } given
            ? StoreFactory.Open(given, folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance, "WandbStore")
            : StoreFactory.Open(environment.Get(WandbVariables.Store), folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
