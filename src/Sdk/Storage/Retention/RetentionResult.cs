namespace Wandb.Storage.Retention;

/// <summary>What a retention policy deleted, or in a dry run would delete.</summary>
public sealed class RetentionResult
{
    /// <summary>True when nothing was deleted because the policy asked for a dry run.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The runs deleted (or that would be), by project, group and id.</summary>
    public required IReadOnlyList<ExpiredRun> Runs { get; init; }

    /// <summary>Runs the policy selected but that were left in place: written again since they were listed, or not deletable (WANDB131).</summary>
    public IReadOnlyList<ExpiredRun> Kept { get; init; } = Array.Empty<ExpiredRun>();

    /// <summary>Console lines: the count, then one line per group with its runs.</summary>
    public IReadOnlyList<string> Lines()
    {
        var verb = DryRun ? "would delete" : "deleted";
        var groups = Runs.GroupBy(r => (r.Project, r.Group)).ToList();
        var lines = new List<string> { $"Retention{(DryRun ? " (dry run)" : string.Empty)}: {verb} {Runs.Count} run(s) of {groups.Count} group(s)" };
        lines.AddRange(groups.Select(g => $"  {g.Key.Project} / {g.Key.Group ?? "(no group)"}: {string.Join(", ", g.Select(r => r.Id))}"));
        return lines;
    }
}
