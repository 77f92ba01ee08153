namespace Wandb.Storage.Merging;

/// <summary>What to merge where, as the <c>WandbMerge</c> target's properties give it.</summary>
internal sealed record MergeRequest
{
    /// <summary>Folder stores, or folders holding folder stores (CI artifacts); relative to <see cref="BaseDirectory"/>.</summary>
    public required IReadOnlyList<string> From { get; init; }

    /// <summary>A folder, or a PostgreSQL connection string; null for <c>WANDB_STORE</c>, else the default folder store.</summary>
    public string? To { get; init; }

    /// <summary>The folder relative paths start from (the project folder under MSBuild).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Write the grouped report of the destination afterwards.</summary>
    public bool Report { get; init; } = true;

    /// <summary>Where the report goes; default <c>&lt;folder store&gt;/report</c>.</summary>
    public string? ReportDirectory { get; init; }
}
