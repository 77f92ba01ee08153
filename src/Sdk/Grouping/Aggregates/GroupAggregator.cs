using Wandb.Storage;

namespace Wandb.Grouping.Aggregates;

/// <summary>
/// Group aggregates from runs already read: the reference every store's own aggregation must equal, since it is
/// the grouping reports do (<see cref="RunGrouper"/> by project and group, <see cref="RunGroup.Summary"/>).
/// </summary>
internal static class GroupAggregator
{
    private static readonly IReadOnlyList<GroupingKey> Keys = new[] { GroupingKey.Parse(GroupingKey.Project), GroupingKey.Parse(GroupingKey.Group) };

    public static IReadOnlyList<GroupAggregate> Of(IEnumerable<StoredRun> runs)
    {
        var grouping = RunGrouper.Group(runs as IReadOnlyList<StoredRun> ?? runs.ToList(), Keys);
        var result = new List<GroupAggregate>(grouping.Groups.Count);
        foreach (var group in grouping.Groups)
        {
            var first = group.Runs[0];
            var jobTypes = group.JobTypes.ToList();
            var states = new SortedDictionary<RunState, int>(group.States.ToDictionary(p => p.Key, p => p.Value));
            result.Add(new GroupAggregate(first.Project, first.Group, group.RunCount, states, group.Newest, jobTypes.OfType<string>().ToList(), jobTypes.Contains(null), group.Summary, GroupActivity.Of(group.Runs)));
        }

        return result;
    }

    /// <summary>The order <see cref="Of"/> returns groups in: by project, then group (ordinal), the runs without a group last.</summary>
    public static int Compare(GroupAggregate a, GroupAggregate b)
    {
        var byProject = CompareText(a.Project, b.Project);
        return byProject != 0 ? byProject : CompareText(a.Group, b.Group);
    }

    /// <summary>
    /// As <see cref="GroupValue.CompareTo"/> orders the texts of <see cref="GroupValue.OfText"/> (ordinal, missing last),
    /// without making a group value per comparison: sorting the aggregates of a large store compares thousands of pairs.
    /// </summary>
    private static int CompareText(string? a, string? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);
}
