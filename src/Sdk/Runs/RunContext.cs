using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>The edges a run touches (environment, clock, output, file system), bundled so tests can replace them; its store is opened from them unless the caller passes one to Run.Init.</summary>
internal sealed record RunContext
{
    public static RunContext Default => new();

    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    public IClock Clock { get; init; } = SystemClock.Instance;

    public IWandbOutput Output { get; init; } = ConsoleOutput.Instance;

    public IStoreFileSystem FileSystem { get; init; } = PhysicalStoreFileSystem.Instance;

    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    public RecorderLimits Limits { get; init; } = RecorderLimits.Default;

    /// <summary>Opens the store a run's settings point at through <see cref="StoreFactory"/>: <c>WANDB_STORE</c>, else the folder store.</summary>
    public RunStore OpenStore(WandbSettings settings) =>
        StoreFactory.Open(Environment.Get(WandbVariables.Store), settings.StoreDirectory, FileSystem, Output, Clock);
}
