namespace Wandb;

/// <summary>
/// What <see cref="Run.Init(RunOptions?)"/> should create, mirroring W&amp;B's <c>wandb.init</c> arguments.
/// Every property left null falls back to its <c>WANDB_*</c> variable, then to its default.
/// </summary>
public sealed class RunOptions
{
    /// <summary>Project the run belongs to (<c>WANDB_PROJECT</c>, default <c>uncategorized</c>).</summary>
    public string? Project { get; set; }

    /// <summary>Display name (<c>WANDB_NAME</c>, default the run id).</summary>
    public string? Name { get; set; }

    /// <summary>Group (experiment) shared by related runs (<c>WANDB_RUN_GROUP</c>).</summary>
    public string? Group { get; set; }

    /// <summary>Kind of job: train, eval, fold, ... (<c>WANDB_JOB_TYPE</c>).</summary>
    public string? JobType { get; set; }

    /// <summary>Free-text notes (<c>WANDB_NOTES</c>).</summary>
    public string? Notes { get; set; }

    /// <summary>Tags (<c>WANDB_TAGS</c>, comma-separated).</summary>
    public IList<string> Tags { get; set; } = new List<string>();

    /// <summary>Run id to create or attach to (<c>WANDB_RUN_ID</c>, default generated with <see cref="RunId.Generate()"/>).</summary>
    public string? Id { get; set; }

    /// <summary>What to do when the run already exists (<c>WANDB_RESUME</c>, default <see cref="ResumeMode.Allow"/>).</summary>
    public ResumeMode? Resume { get; set; }

    /// <summary>Offline or disabled (<c>WANDB_MODE</c>, default offline).</summary>
    public WandbMode? Mode { get; set; }

    /// <summary>Run store folder (<c>WANDB_DIR</c>, default the repository's <c>wandb</c> folder).</summary>
    public string? Dir { get; set; }

    /// <summary>Initial config: hyperparameters and settings, nested dictionaries allowed.</summary>
    public RunConfig Config { get; } = new();
}
