namespace Wandb;

/// <summary>The lower-case names under which run states are stored and reported.</summary>
public static class RunStateNames
{
    /// <summary>Returns the stored name of <paramref name="state"/>: running, finished, failed, crashed or killed.</summary>
    public static string ToName(this RunState state) => state switch
    {
        RunState.Running => "running",
        RunState.Finished => "finished",
        RunState.Failed => "failed",
        RunState.Crashed => "crashed",
        RunState.Killed => "killed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown run state."),
    };

    /// <summary>Parses a stored state name; unknown names read as <see cref="RunState.Crashed"/> so they are never hidden.</summary>
    public static RunState Parse(string? name) => name switch
    {
        "running" => RunState.Running,
        "finished" => RunState.Finished,
        "failed" => RunState.Failed,
        "killed" => RunState.Killed,
        _ => RunState.Crashed,
    };
}
