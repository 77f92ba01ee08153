using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// The groups of a report that a store summarised from its own aggregates, without reading their runs
/// (<see cref="ReportModel.Build"/>): each is a row of the grouping by <c>group</c> with counts, states, job types and
/// statistics equal to what its runs give. A group name several projects use is one row of that grouping, and the
/// median of its values cannot be had from per-project aggregates: such a group's runs are read instead.
/// </summary>
internal sealed class Summarised
{
    private Summarised(IReadOnlyList<RunGroup> groups) => Groups = groups;

    /// <summary>The grouping a store's aggregates answer: by <c>group</c>.</summary>
    public static IReadOnlyList<GroupingKey> Keys { get; } = new[] { GroupingKey.Parse(GroupingKey.Group) };

    /// <summary>The summarised groups, in no particular order.</summary>
    public IReadOnlyList<RunGroup> Groups { get; }

    /// <param name="store">The store the aggregates came from.</param>
    /// <param name="filter">The report's filter, for the runs read when a group name spans projects.</param>
    /// <param name="aggregates">The aggregates of the groups not shown in full.</param>
    public static Summarised Of(RunStore store, RunFilter filter, IReadOnlyList<GroupAggregate> aggregates)
    {
        var byName = aggregates.GroupBy(a => a.Group, StringComparer.Ordinal).ToList();
        var groups = byName.Where(n => n.Count() == 1).Select(n => RunGroup.FromAggregate(n.Single())).ToList();
        var spanning = byName.Where(n => n.Count() > 1).SelectMany(n => n).Select(a => (a.Project, a.Group)).ToList();
        if (spanning.Count > 0)
        {
            groups.AddRange(RunGrouper.Group(store.ListRunsOfGroups(filter, spanning), Keys).Groups);
        }

        return new Summarised(groups);
    }

    /// <summary>The grouping by <c>group</c> of the runs shown in full together with these groups, in the grouping's order.</summary>
    public RunGrouping With(RunGrouping shown) =>
        new(shown.Keys, shown.Groups.Concat(Groups).OrderBy(g => g.Path[0]).ToList());
}
