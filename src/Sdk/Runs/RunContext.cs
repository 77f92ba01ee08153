using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>The edges a run touches (environment, clock, output, file system), bundled so tests can replace them; its store is opened from them unless the caller passes one to Run.Init.</summary>
internal sealed record RunContext
{
    /// <summary>The process's edges, with no standalone reporting: the public <c>Run.Init</c> adds the process's own, entry points and tests pass theirs.</summary>
    public static RunContext Default => new();

    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    public IClock Clock { get; init; } = SystemClock.Instance;

    public IWandbOutput Output { get; init; } = ConsoleOutput.Instance;

    public IStoreFileSystem FileSystem { get; init; } = PhysicalStoreFileSystem.Instance;

    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    public RecorderLimits Limits { get; init; } = RecorderLimits.Default;

    /// <summary>Where runs get the git state of their working copy: read once per process unless a host or test gives its own.</summary>
    public GitStateCache Git { get; init; } = GitStateCache.Process;

    /// <summary>Whether this process already joined the run of the tracked target that started it; process-wide unless a test gives its own.</summary>
    public TargetRunAttachment TargetRun { get; init; } = TargetRunAttachment.Process;

    /// <summary>Announces runs no build or test run owns and refreshes their report at the end: the process's own for the public <c>Run.Init</c>; null for an entry point that reports its runs itself (the build's tasks) and in tests.</summary>
    public StandaloneRuns? Standalone { get; init; }

    /// <summary>Opens the store a run's settings point at through <see cref="StoreFactory"/>: <c>WANDB_STORE</c>, else the folder store.</summary>
    public RunStore OpenStore(WandbSettings settings) =>
        StoreFactory.Open(Environment.Get(WandbVariables.Store), settings.StoreDirectory, FileSystem, Output, Clock);
}
