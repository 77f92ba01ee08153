namespace Wandb.Storage.Retention;

/// <summary>What a retention policy deleted, or in a dry run would delete.</summary>
public sealed class RetentionResult
{
    /// <summary>Run ids listed per group in a build's or test run's console lines; <c>dotnet wandb prune</c> lists them all.</summary>
    internal const int ConsoleIdsPerGroup = 10;

    /// <summary>True when nothing was deleted because the policy asked for a dry run.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The runs deleted (or that would be), by project, group and id.</summary>
    public required IReadOnlyList<ExpiredRun> Runs { get; init; }

    /// <summary>Runs the policy selected but that were left in place: written again since they were listed, or not deletable (WANDB131).</summary>
    public IReadOnlyList<ExpiredRun> Kept { get; init; } = Array.Empty<ExpiredRun>();

    /// <summary>Console lines: the count, then one line per group with its runs.</summary>
    public IReadOnlyList<string> Lines() => Lines(int.MaxValue);

    /// <summary>
    /// Console lines with at most <paramref name="idsPerGroup"/> run ids per group, then how many more: a test session's
    /// group holds a run per test result, thousands of ids on one line of a build log.
    /// </summary>
    public IReadOnlyList<string> Lines(int idsPerGroup)
    {
        var verb = DryRun ? "would delete" : "deleted";
        var groups = Runs.GroupBy(r => (r.Project, r.Group)).ToList();
        var lines = new List<string> { $"Retention{(DryRun ? " (dry run)" : string.Empty)}: {verb} {Runs.Count} run(s) of {groups.Count} group(s)" };
        foreach (var group in groups)
        {
            var ids = group.Select(r => r.Id).ToList();
            var shown = string.Join(", ", ids.Take(idsPerGroup));
            var more = ids.Count > idsPerGroup ? $" and {ids.Count - idsPerGroup} more" : string.Empty;
            lines.Add($"  {group.Key.Project} / {group.Key.Group ?? "(no group)"}: {shown}{more}");
        }

        return lines;
    }
}
