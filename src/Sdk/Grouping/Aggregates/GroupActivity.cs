using Wandb.Storage;

namespace Wandb.Grouping.Aggregates;

/// <summary>
/// What retention judges a group by beyond its <see cref="GroupAggregate"/>: when one of its runs was last written, and
/// the git branches its runs were built on (the quality gate's <c>auto</c> baseline prefers the default branch, and
/// retention never deletes the group it would choose). The folder store keeps it in its group index, so a refresh with a
/// retention policy does not read every run of the store.
/// </summary>
/// <param name="LastActiveAt">The latest creation, update or finish time of the group's runs (<see cref="LastActive"/>).</param>
/// <param name="GitBranches">The distinct git branches the group's runs recorded, ordinal order; empty without git.</param>
internal sealed record GroupActivity(DateTimeOffset LastActiveAt, IReadOnlyList<string> GitBranches)
{
    /// <summary>The activity of a group's runs; the runs must not be empty.</summary>
    public static GroupActivity Of(IReadOnlyCollection<StoredRun> runs) => new(runs.Max(LastActive), GitBranchesOf(runs));

    /// <summary>The distinct git branches <paramref name="runs"/> recorded, ordinal order; empty without git.</summary>
    public static IReadOnlyList<string> GitBranchesOf(IEnumerable<StoredRun> runs) =>
        runs.Select(r => r.System.GitBranch).OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(b => b, StringComparer.Ordinal).ToList();

    /// <summary>When a run was last written: created, updated (a live writer's last state) or finished, whichever is latest.</summary>
    public static DateTimeOffset LastActive(StoredRun run)
    {
        var latest = run.CreatedAt > run.UpdatedAt ? run.CreatedAt : run.UpdatedAt;
        return run.FinishedAt is { } finished && finished > latest ? finished : latest;
    }
}
