using Wandb.Build.Tasks.Diagnostics;
using Wandb.Build.Tasks.Environment;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Runs;

/// <summary>
/// The run of one tracked target between its Before and After tasks, with what is needed to close it:
/// the store it writes to, the output its warnings go to, and the variables to restore for the project.
/// </summary>
internal sealed class TrackedRun
{
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _previousVariables;

    public TrackedRun(Run run, RunStore store, TaskOutput output, string targetName, IReadOnlyList<KeyValuePair<string, string?>> previousVariables)
    {
        Run = run;
        Store = store;
        Output = output;
        TargetName = targetName;
        _previousVariables = previousVariables;
    }

    public Run Run { get; }

    public RunStore Store { get; }

    public TaskOutput Output { get; }

    public string TargetName { get; }

    /// <summary>Puts back the variables the project had before the target's run set its own.</summary>
    public void RestoreVariables(ITaskEnvironment environment)
    {
        foreach (var pair in _previousVariables)
        {
            environment.Set(pair.Key, pair.Value);
        }
    }
}
