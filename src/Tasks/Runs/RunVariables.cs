using Wandb.Runs;
using Wandb.Settings;

namespace Wandb.Build.Tasks.Runs;

/// <summary>
/// The variables a tracked target's processes receive so that the first plain <c>Run.Init()</c> inside each
/// of them joins the target's run. <see cref="TargetRun.Variable"/> names the run once more, so the SDK
/// tells the id handed down here from a <c>WANDB_RUN_ID</c> a user set to resume a run of their own.
/// </summary>
internal static class RunVariables
{
    /// <summary>Set for the target's processes, and never read from the build's environment for the target's own run.</summary>
    public static readonly string[] PerTarget = { WandbVariables.RunId, WandbVariables.Resume, WandbVariables.JobType, TargetRun.Variable };

    public static IReadOnlyList<KeyValuePair<string, string>> For(string runId, string project, string group, string jobType, string storeDirectory, string? store = null)
    {
        var variables = new List<KeyValuePair<string, string>>
        {
            new(WandbVariables.RunId, runId),
            new(TargetRun.Variable, runId),
            new(WandbVariables.Resume, "allow"),
            new(WandbVariables.Project, project),
            new(WandbVariables.RunGroup, group),
            new(WandbVariables.JobType, jobType),
            new(WandbVariables.Dir, storeDirectory),
        };

        if (store is not null)
        {
            // The target's processes must write into the same shared store as the target's run.
            variables.Add(new(WandbVariables.Store, store));
        }

        return variables;
    }
}
