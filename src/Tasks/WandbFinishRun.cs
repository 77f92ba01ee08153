using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Diagnostics;
using Wandb.Build.Tasks.Environment;
using Wandb.Build.Tasks.Session;
using Wandb.Diagnostics;

namespace Wandb.Build.Tasks;

/// <summary>
/// Finishes the run of a tracked target that succeeded (AfterTargets run only then) and gives the project
/// back the variables it had before the run. A failed target's run is closed by <see cref="BuildSession"/>.
/// </summary>
public sealed class WandbFinishRun : Microsoft.Build.Utilities.Task
{
    /// <summary>The id <see cref="WandbStartRun"/> returned; empty when it started no run.</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>The tracked target, for messages.</summary>
    public string TargetName { get; set; } = string.Empty;

    /// <summary><c>WandbStrict</c>: tracking problems become errors.</summary>
    public bool Strict { get; set; }

    internal ITaskEnvironment Environment { get; set; } = ProcessTaskEnvironment.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (string.IsNullOrWhiteSpace(RunId))
        {
            return true;
        }

        var tracked = BuildSession.Find(BuildEngine)?.Take(RunId);
        if (tracked is null)
        {
            BuildLog.Problem(Log, Strict, WarningCodes.TrackedRunNotFinished, $"The run {RunId} of target {TargetName} is not open on this MSBuild node, so it was not finished here; it is closed when the build ends.");
            return !Log.HasLoggedErrors;
        }

        tracked.Output.Attach(Log, Strict);
        try
        {
            tracked.RestoreVariables(Environment);
            tracked.Started.Run.Finish(RunState.Finished, 0);
            Log.LogMessage(MessageImportance.Normal, $"wandb: run {RunId} of target {tracked.TargetName} finished");
        }
        catch (Exception ex)
        {
            BuildLog.Problem(Log, Strict, WarningCodes.TrackedRunNotFinished, $"The run {RunId} of target {tracked.TargetName} could not be finished: {ex.Message}");
        }
        finally
        {
            tracked.Output.Detach();
        }

        return !Log.HasLoggedErrors;
    }
}
