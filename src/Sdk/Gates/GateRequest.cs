using Wandb.Grouping;

namespace Wandb.Gates;

/// <summary>What to gate: one project's runs of one group, the rules, and where the baseline comes from.</summary>
internal sealed record GateRequest
{
    public required string Project { get; init; }

    public required string Group { get; init; }

    public required IReadOnlyList<GateRule> Rules { get; init; }

    /// <summary><c>WandbBaseline</c>: auto (null), a group name or a baseline file path.</summary>
    public string? Baseline { get; init; }

    /// <summary><c>WandbBaselineBranch</c>: the branch auto prefers; null for main or master.</summary>
    public string? BaselineBranch { get; init; }

    /// <summary>What a relative baseline file path is relative to (the project's folder under MSBuild).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>
    /// Decide only the job types that have a run created at or after this time (the job types a tracked target just
    /// produced); null decides every job type of the group.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Decide only these job types (those a test run recorded); null decides every job type <see cref="Since"/> leaves.</summary>
    public IReadOnlyCollection<string>? JobTypes { get; init; }

    public MetricGoals Goals { get; init; } = new();
}
