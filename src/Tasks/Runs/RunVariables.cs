using Wandb.Settings;

namespace Wandb.Build.Tasks.Runs;

/// <summary>The variables a tracked target's processes receive so that <c>Run.Init()</c> inside them attaches to the target's run.</summary>
internal static class RunVariables
{
    /// <summary>Set for the target's processes, and never read from the build's environment for the target's own run.</summary>
    public static readonly string[] PerTarget = { WandbVariables.RunId, WandbVariables.Resume, WandbVariables.JobType };

    public static IReadOnlyList<KeyValuePair<string, string>> For(Run run)
    {
        var values = new List<KeyValuePair<string, string>>
        {
            new(WandbVariables.RunId, run.Id),
            new(WandbVariables.Resume, "allow"),
            new(WandbVariables.Project, run.Project),
        };
        if (run.Group is not null)
        {
            values.Add(new(WandbVariables.RunGroup, run.Group));
        }

        if (run.JobType is not null)
        {
            values.Add(new(WandbVariables.JobType, run.JobType));
        }

        if (run.StoreLocation is not null)
        {
            values.Add(new(WandbVariables.Dir, run.StoreLocation));
        }

        return values;
    }
}
