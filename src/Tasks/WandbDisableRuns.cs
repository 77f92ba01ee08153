using Wandb.Build.Tasks.Environment;

namespace Wandb.Build.Tasks;

/// <summary>
/// Turns tracking off for the processes a project's build starts (its <c>Exec</c> calls, a test run), by
/// setting <c>WANDB_MODE=disabled</c> for the rest of the project's build: a build told
/// <c>-p:WandbEnabled=false</c> or <c>-p:WANDB_MODE=disabled</c> knows it only as a property, which no
/// process inherits, and a property function cannot set a variable. Runs before any target of the project
/// only when tracking is off that way (see Wandb.Build.targets). It touches no type of Wandb.Sdk, so a
/// disabled build loads this assembly alone.
/// </summary>
public sealed class WandbDisableRuns : Microsoft.Build.Utilities.Task
{
    internal ITaskEnvironment Environment { get; set; } = ProcessTaskEnvironment.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        Environment.Set(Wandb.Settings.WandbVariables.Mode, "disabled");
        return true;
    }
}
