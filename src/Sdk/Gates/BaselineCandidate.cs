using Wandb.Grouping.Aggregates;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// A group of a project as the <c>auto</c> baseline judges it: its job types, whether every run finished, the git
/// branches its runs were built on and when its newest run was created. Made from the group's runs (the quality gate)
/// or from its aggregate (retention, which keeps the groups <c>auto</c> may choose without reading every run).
/// </summary>
/// <param name="Group">The group's name.</param>
/// <param name="JobTypes">The job types its runs have; runs without one add none.</param>
/// <param name="AllFinished">Whether every run of the group finished.</param>
/// <param name="Branches">The git branches its runs recorded.</param>
/// <param name="Newest">When its newest run was created.</param>
internal sealed record BaselineCandidate(string Group, HashSet<string> JobTypes, bool AllFinished, IReadOnlyCollection<string> Branches, DateTimeOffset Newest)
{
    /// <summary>The candidate a group's runs make; the runs must not be empty.</summary>
    public static BaselineCandidate OfRuns(string group, IReadOnlyCollection<StoredRun> runs) => new(
        group,
        new HashSet<string>(runs.Select(r => r.JobType).OfType<string>(), StringComparer.Ordinal),
        runs.All(r => r.State == RunState.Finished),
        GroupActivity.GitBranchesOf(runs),
        runs.Max(r => r.CreatedAt));

    /// <summary>The candidate a named group's aggregate makes, or null when the store left out its activity (and so its branches).</summary>
    public static BaselineCandidate? OfAggregate(GroupAggregate aggregate) =>
        aggregate.Group is null || aggregate.Activity is null
            ? null
            : new BaselineCandidate(
                aggregate.Group,
                new HashSet<string>(aggregate.JobTypes, StringComparer.Ordinal),
                aggregate.Runs > 0 && aggregate.States.All(s => s.Key == RunState.Finished),
                aggregate.Activity.GitBranches,
                aggregate.NewestCreatedAt);
}
