using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// The groups of a report that a store summarised from its own aggregates, without reading their runs
/// (<see cref="ReportModel.Build"/>): each is a row of the grouping by <c>group</c> with counts, states, job types and
/// statistics equal to what its runs give. A group name several projects use is one row of that grouping, and the
/// median of its values cannot be had from per-project aggregates: such groups' runs are read instead, up to the
/// budget; past it (every build of several projects shares its group) their aggregates are combined without a median.
/// </summary>
internal sealed class Summarised
{
    private Summarised(IReadOnlyList<RunGroup> groups) => Groups = groups;

    /// <summary>The grouping a store's aggregates answer: by <c>group</c>.</summary>
    public static IReadOnlyList<GroupingKey> Keys { get; } = new[] { GroupingKey.Parse(GroupingKey.Group) };

    /// <summary>The summarised groups, in no particular order.</summary>
    public IReadOnlyList<RunGroup> Groups { get; }

    /// <param name="source">The store's groups the aggregates came from, for the runs read when a group name spans projects.</param>
    /// <param name="aggregates">The aggregates of the groups not shown in full.</param>
    /// <param name="budget">Most runs read for group names that span projects; past it their aggregates are combined (no median).</param>
    public static Summarised Of(GroupSource source, IReadOnlyList<GroupAggregate> aggregates, int budget)
    {
        var byName = aggregates.GroupBy(a => a.Group, StringComparer.Ordinal).Select(n => n.ToList()).ToList();
        var spanning = byName.Where(n => n.Count > 1).ToList();
        if (spanning.Sum(n => (long)n.Sum(a => a.Runs)) > budget)
        {
            // Every build of several projects shares its group: a store of them must not be read whole for medians.
            return new Summarised(byName.Select(RunGroup.FromAggregates).ToList());
        }

        var groups = byName.Where(n => n.Count == 1).Select(n => RunGroupCache.Of(n[0])).ToList();
        if (spanning.Count > 0)
        {
            groups.AddRange(RunGrouper.Group(source.RunsOf(spanning.SelectMany(n => n).Select(a => (a.Project, a.Group)).ToList()), Keys).Groups);
        }

        return new Summarised(groups);
    }

    /// <summary>The grouping by <c>group</c> of the runs shown in full together with these groups, in the grouping's order.</summary>
    public RunGrouping With(RunGrouping shown) =>
        new(shown.Keys, shown.Groups.Concat(Groups).OrderBy(g => g.Path[0]).ToList());
}
