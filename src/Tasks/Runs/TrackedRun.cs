using Wandb.Build.Tasks.Diagnostics;
using Wandb.Build.Tasks.Environment;
using Wandb.Diagnostics;

namespace Wandb.Build.Tasks.Runs;

/// <summary>
/// The run of one tracked target between its Before and After tasks. The run is created in the store on a
/// background thread while the target already runs: creating it costs a cold JSON serializer and a few
/// file writes, which would otherwise add to every tracked target. The target's processes can attach
/// meanwhile, since its id and metadata are fixed up front and the store lets whichever process comes
/// first create the run and the other attach (see docs/store-format.md).
/// </summary>
internal sealed class TrackedRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Task<StartedRun?> _started;
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _previousVariables;

    public TrackedRun(string runId, string targetName, string group, TaskOutput output, IReadOnlyList<KeyValuePair<string, string?>> previousVariables, Func<StartedRun> start)
    {
        RunId = runId;
        StartedAt = DateTimeOffset.UtcNow;
        TargetName = targetName;
        Group = group;
        Output = output;
        _previousVariables = previousVariables;
        _started = System.Threading.Tasks.Task.Run(() =>
        {
            try
            {
                return start();
            }
            catch (Exception ex)
            {
                output.Warning(WarningCodes.TrackedRunNotStarted, $"The run {runId} of target {targetName} could not be created: {ex.Message}");
                return null;
            }
        });
    }

    public string RunId { get; }

    /// <summary>When the target's Before task ran: runs its processes create are no older (the quality gate decides their job types after it).</summary>
    public DateTimeOffset StartedAt { get; }

    public string TargetName { get; }

    public string Group { get; }

    public TaskOutput Output { get; }

    /// <summary>Waits for the run to exist; null when it could not be created (already reported as a warning).</summary>
    public StartedRun? WaitForStart()
    {
        if (!_started.Wait(StartTimeout))
        {
            Output.Warning(WarningCodes.TrackedRunNotFinished, $"The run {RunId} of target {TargetName} was still being created after {StartTimeout.TotalSeconds:0} s; the store may hang.");
            return null;
        }

        return _started.Result;
    }

    /// <summary>Puts back the variables the project had before the target's run set its own.</summary>
    public void RestoreVariables(ITaskEnvironment environment)
    {
        foreach (var pair in _previousVariables)
        {
            environment.Set(pair.Key, pair.Value);
        }
    }
}
