namespace Wandb;

/// <summary>What <see cref="Run.Init(RunOptions?)"/> does when a run with the requested id already exists (<c>WANDB_RESUME</c>).</summary>
public enum ResumeMode
{
    /// <summary>Attach to the run if it exists, otherwise create it. The default.</summary>
    Allow,

    /// <summary>Attach to the run; fail if it does not exist.</summary>
    Must,

    /// <summary>Create the run; fail if it already exists.</summary>
    Never,
}
