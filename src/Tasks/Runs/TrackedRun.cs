using Wandb.Build.Tasks.Diagnostics;
using Wandb.Build.Tasks.Environment;

namespace Wandb.Build.Tasks.Runs;

/// <summary>
/// The run of one tracked target between its Before and After tasks. It exists in the store before the
/// target's body runs, so every process the target starts joins it, never creates it (see docs/msbuild.md).
/// </summary>
internal sealed class TrackedRun
{
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _previousVariables;

    public TrackedRun(StartedRun started, string targetName, TaskOutput output, IReadOnlyList<KeyValuePair<string, string?>> previousVariables)
    {
        Started = started;
        StartedAt = DateTimeOffset.UtcNow;
        TargetName = targetName;
        Output = output;
        _previousVariables = previousVariables;
    }

    public StartedRun Started { get; }

    public string RunId => Started.Run.Id;

    /// <summary>When the target's Before task ran: runs its processes create are no older (the quality gate decides their job types after it).</summary>
    public DateTimeOffset StartedAt { get; }

    public string TargetName { get; }

    public string Group => Started.Run.Group ?? string.Empty;

    public TaskOutput Output { get; }

    /// <summary>Puts back the variables the project had before the target's run set its own.</summary>
    public void RestoreVariables(ITaskEnvironment environment)
    {
        foreach (var pair in _previousVariables)
        {
            environment.Set(pair.Key, pair.Value);
        }
    }
}
