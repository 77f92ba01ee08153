using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>A store a program run on its own wrote runs to, and what refreshing its report at the end needs (<see cref="StandaloneRuns"/>).</summary>
internal sealed class StandaloneStore
{
    public StandaloneStore(RunStore store, string firstRunId, IEnvironmentVariables environment, IWandbOutput output)
    {
        Store = store;
        FirstRunId = firstRunId;
        Environment = environment;
        Output = output;
    }

    public RunStore Store { get; }

    public string FirstRunId { get; }

    public IEnvironmentVariables Environment { get; }

    public IWandbOutput Output { get; }

    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>True while every run written to the store asked for silence.</summary>
    public bool Silent { get; set; } = true;

    public void Say(string line)
    {
        if (!Silent)
        {
            Output.Info(line);
        }
    }
}
