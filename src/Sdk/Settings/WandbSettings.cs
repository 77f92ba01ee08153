namespace Wandb.Settings;

/// <summary>The settings of one run after explicit options and <c>WANDB_*</c> variables were combined.</summary>
internal sealed record WandbSettings
{
    public required string Project { get; init; }

    public required string StoreDirectory { get; init; }

    public required WandbMode Mode { get; init; }

    public string? Name { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    /// <summary>The requested id, or null to generate one.</summary>
    public string? RunId { get; init; }

    public required ResumeMode Resume { get; init; }

    public string? Group { get; init; }

    public string? JobType { get; init; }

    public bool DisableGit { get; init; }

    /// <summary>True when <c>WANDB_SILENT</c> asks for no informational lines.</summary>
    public bool Silent { get; init; }

    /// <summary>True when the caller asked for an online mode, which runs offline here.</summary>
    public bool OnlineRequested { get; init; }
}
