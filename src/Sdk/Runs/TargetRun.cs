using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.Runs;

/// <summary>
/// The run of the MSBuild tracked target that started this process, as the target hands it down. The
/// target sets <c>WANDB_RUN_ID</c> and friends, and names its run once more in <see cref="Variable"/>, so a
/// <c>WANDB_RUN_ID</c> the user set to resume a run (on the <c>Exec</c>, or in the program) is never taken
/// for the target's.
/// </summary>
/// <param name="Id">The target's run id.</param>
/// <param name="Name">Its display name: <c>WANDB_NAME</c> when the build set one, else the id.</param>
/// <param name="JobType">Its job type, the target's name.</param>
/// <param name="Group">Its group.</param>
/// <param name="Project">Its project.</param>
internal sealed record TargetRun(string Id, string Name, string? JobType, string? Group, string? Project)
{
    /// <summary>Set by the tracked target's task for the processes the target starts, next to <c>WANDB_RUN_ID</c>.</summary>
    public const string Variable = "WANDB_TARGET_RUN_ID";

    /// <summary>The target's run handed down in <paramref name="env"/>, or null when this process was not started by a tracked target or its <c>WANDB_RUN_ID</c> names another run.</summary>
    public static TargetRun? From(IEnvironmentVariables env)
    {
        var id = env.Get(Variable);
        if (string.IsNullOrWhiteSpace(id) || env.Get(WandbVariables.RunId) != id)
        {
            return null;
        }

        return new TargetRun(id!, NonEmpty(env.Get(WandbVariables.Name)) ?? id!, NonEmpty(env.Get(WandbVariables.JobType)), NonEmpty(env.Get(WandbVariables.RunGroup)), NonEmpty(env.Get(WandbVariables.Project)));
    }

    /// <summary>True when the process runs under a tracked target, whichever run its <c>WANDB_RUN_ID</c> names: the target owns its runs and reports them.</summary>
    public static bool IsPresent(IEnvironmentVariables env) => !string.IsNullOrWhiteSpace(env.Get(Variable));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
