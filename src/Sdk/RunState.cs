namespace Wandb;

/// <summary>The lifecycle state of a run, with W&amp;B's meanings.</summary>
public enum RunState
{
    /// <summary>The run is open and its process is alive.</summary>
    Running,

    /// <summary>The run ended with exit code 0.</summary>
    Finished,

    /// <summary>The run ended with a non-zero exit code or an exception.</summary>
    Failed,

    /// <summary>The process that owned the run died without finishing it.</summary>
    Crashed,

    /// <summary>The run was stopped from outside (Ctrl+C, cancellation).</summary>
    Killed,
}
