namespace Wandb.Interop.Export;

/// <summary>What to export and where: the command-line and MSBuild front ends fill this in.</summary>
internal sealed class WandbExportOptions
{
    /// <summary>Folder that receives one <c>offline-run-*</c> folder per run; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Only runs of this project; null for every project.</summary>
    public string? Project { get; init; }

    /// <summary>Only runs of these groups; empty for every group.</summary>
    public IReadOnlyList<string> Groups { get; init; } = Array.Empty<string>();

    /// <summary>W&amp;B entity (user or team) written into each run; null leaves it to <c>wandb sync</c> (the logged-in user's default).</summary>
    public string? Entity { get; init; }
}
