using Wandb.Grouping.Aggregates;

namespace Wandb.Storage.Index.Groups;

/// <summary>A listing of the folder store by project and group: the group index it brought up to date and each group's entries.</summary>
internal sealed class GroupedListing
{
    public GroupedListing(GroupIndex index, GroupMembers members, int fingerprinted, int checkedRuns)
    {
        Index = index;
        Members = members;
        Fingerprinted = fingerprinted;
        CheckedRuns = checkedRuns;
    }

    /// <summary>The group index of the listed runs: every group's aggregate.</summary>
    public GroupIndex Index { get; }

    /// <summary>Each group's runs as listed, to assemble those a report shows in full.</summary>
    public GroupMembers Members { get; }

    /// <summary>How many snapshot lines bringing the index up to date fingerprinted (<see cref="LineHash"/>).</summary>
    public int Fingerprinted { get; }

    /// <summary>How many listed runs bringing the index up to date checked against the index before: every run, or the runs that changed since the listing it was made from.</summary>
    public int CheckedRuns { get; }

    public IEnumerable<GroupAggregate> Aggregates => Index.Groups.Values;
}
