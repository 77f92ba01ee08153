namespace Wandb.Settings;

/// <summary>The <c>WANDB_*</c> environment variables the SDK reads. Each is documented with its default in docs/configuration.md.</summary>
public static class WandbVariables
{
    /// <summary>Project name; default <c>uncategorized</c> (MSBuild: the project's name).</summary>
    public const string Project = "WANDB_PROJECT";

    /// <summary>Folder of the run store; default the <c>wandb</c> folder at the repository root, else <c>./wandb</c>.</summary>
    public const string Dir = "WANDB_DIR";

    /// <summary><c>offline</c> (default) or <c>disabled</c>.</summary>
    public const string Mode = "WANDB_MODE";

    /// <summary>Display name of the run; default the run id.</summary>
    public const string Name = "WANDB_NAME";

    /// <summary>Free-text notes of the run.</summary>
    public const string Notes = "WANDB_NOTES";

    /// <summary>Comma-separated tags.</summary>
    public const string Tags = "WANDB_TAGS";

    /// <summary>Id of the run to create or attach to; default a generated id.</summary>
    public const string RunId = "WANDB_RUN_ID";

    /// <summary><c>allow</c> (default), <c>must</c> or <c>never</c>.</summary>
    public const string Resume = "WANDB_RESUME";

    /// <summary>Group (experiment) of the run; default none for SDK runs.</summary>
    public const string RunGroup = "WANDB_RUN_GROUP";

    /// <summary>Job type of the run (train, eval, fold, ...); default none.</summary>
    public const string JobType = "WANDB_JOB_TYPE";

    /// <summary>Set to <c>true</c> to skip reading git information.</summary>
    public const string DisableGit = "WANDB_DISABLE_GIT";

    /// <summary>Where runs are stored when not in a folder: a PostgreSQL connection string. Default: the folder store.</summary>
    public const string Store = "WANDB_STORE";

    /// <summary>Set to <c>true</c> to silence the SDK's informational lines (where a run is stored, the report); warnings still print.</summary>
    public const string Silent = "WANDB_SILENT";

    /// <summary>What the quality gate compares with: <c>auto</c> (default), a group name or a baseline file (<c>.json</c>); see docs/quality-gate.md.</summary>
    public const string Baseline = "WANDB_BASELINE";
}
