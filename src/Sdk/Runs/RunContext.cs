using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>The edges a run touches (environment, clock, output, store), bundled so tests can replace them.</summary>
internal sealed record RunContext
{
    public static RunContext Default => new();

    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    public IClock Clock { get; init; } = SystemClock.Instance;

    public IWandbOutput Output { get; init; } = ConsoleOutput.Instance;

    public IStoreFileSystem FileSystem { get; init; } = PhysicalStoreFileSystem.Instance;

    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    public RecorderLimits Limits { get; init; } = RecorderLimits.Default;

    /// <summary>Opens the store a run's settings point at (<see cref="StoreFactory"/>: <c>WANDB_STORE</c>, else the folder store) unless replaced.</summary>
    public Func<WandbSettings, RunContext, RunStore> OpenStore { get; init; } =
        (settings, context) => StoreFactory.Open(context.Environment.Get(WandbVariables.Store), settings.StoreDirectory, context.FileSystem, context.Output, context.Clock);
}
