using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Grouping.Statistics;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class RunGroupCacheTests
{
    private static readonly GroupingKey[] ByGroup = { GroupingKey.Parse(GroupingKey.Group) };

    [TestMethod]
    public void Grouping_the_same_run_objects_again_takes_the_groups_made_before_with_their_statistics()
    {
        var runs = new[] { Run("1", "a", 0.5), Run("2", "b", 0.7), Run("3", "a", 0.9) };

        var first = RunGrouper.Group(runs, ByGroup);
        var statistics = first.Groups[0].Summary;
        var again = RunGrouper.Group(runs.ToList(), ByGroup);

        Assert.AreSame(first.Groups[0], again.Groups[0]);
        Assert.AreSame(first.Groups[1], again.Groups[1]);
        Assert.AreSame(statistics, again.Groups[0].Summary, "the statistics are not worked out again");
        Assert.AreEqual(0.7, again.Groups[0].Summary["accuracy"].Mean, 1e-12);
    }

    [TestMethod]
    public void A_group_with_a_run_read_again_is_made_anew_from_the_run_as_it_is_now()
    {
        var runs = new[] { Run("1", "a", 0.5), Run("2", "a", 0.7) };
        var before = RunGrouper.Group(runs, ByGroup).Groups[0];
        Assert.AreEqual(0.6, before.Summary["accuracy"].Mean, 1e-12);

        // The same run id, read again after it changed: an equal id is not the same run.
        var changed = new[] { runs[0], Run("2", "a", 0.9) };
        var after = RunGrouper.Group(changed, ByGroup).Groups[0];

        Assert.AreNotSame(before, after);
        Assert.AreEqual(0.7, after.Summary["accuracy"].Mean, 1e-12);
        Assert.AreSame(after, RunGroupCache.Kept(ByGroup, changed), "the newest group of the grouping is the one kept");
        Assert.IsNull(RunGroupCache.Kept(ByGroup, runs), "the group of the runs as they were is not kept beside it");
        Assert.AreEqual(0.6, RunGrouper.Group(runs, ByGroup).Groups[0].Summary["accuracy"].Mean, 1e-12, "grouped again, the runs as they were give their own statistics");
    }

    [TestMethod]
    public void Each_grouping_keeps_groups_of_its_own()
    {
        var runs = new[] { Run("1", "a", 0.5, "train"), Run("2", "a", 0.7, "eval") };
        var keys = new[] { GroupingKey.Parse(GroupingKey.Group), GroupingKey.Parse(GroupingKey.JobType) };

        var byGroup = RunGrouper.Group(runs, ByGroup);
        var byJobType = RunGrouper.Group(runs, keys);

        Assert.AreEqual(1, byGroup.Groups.Count);
        Assert.AreEqual(2, byJobType.Groups.Count);
        CollectionAssert.AreEqual(new[] { "a / eval", "a / train" }, byJobType.Groups.Select(g => g.Label).ToArray());
        Assert.AreSame(byGroup.Groups[0], RunGrouper.Group(runs, ByGroup).Groups[0], "grouping by other keys in between did not replace it");
        Assert.AreSame(byJobType.Groups[1], RunGrouper.Group(runs, keys).Groups[1]);
    }

    [TestMethod]
    public void A_run_keeps_the_groups_of_its_few_latest_groupings()
    {
        var runs = new[] { Run("1", "a", 0.5), Run("2", "a", 0.7) };
        var groupings = new[] { "group", "project", "state", "job_type", "config.lr" }.Select(k => new[] { GroupingKey.Parse(k) }).ToList();
        var first = RunGrouper.Group(runs, groupings[0]).Groups[0];

        foreach (var keys in groupings.Skip(1))
        {
            RunGrouper.Group(runs, keys);
        }

        Assert.IsNull(RunGroupCache.Kept(groupings[0], runs), "the grouping asked for longest ago went when a fifth came");
        Assert.IsNotNull(RunGroupCache.Kept(groupings[4], runs));
        var again = RunGrouper.Group(runs, groupings[0]).Groups[0];
        Assert.AreNotSame(first, again);
        Assert.AreEqual(0.6, again.Summary["accuracy"].Mean, 1e-12);
    }

    [TestMethod]
    public void A_group_summarised_from_an_aggregate_is_made_once_per_aggregate()
    {
        var metrics = new Dictionary<string, MetricStatistics>(StringComparer.Ordinal);
        var aggregate = new GroupAggregate("p", "g", 3, new Dictionary<RunState, int> { [RunState.Finished] = 2, [RunState.Failed] = 1 }, DateTimeOffset.UnixEpoch, new[] { "test" }, anyWithoutJobType: false, metrics);
        var same = new GroupAggregate("p", "g", 3, new Dictionary<RunState, int> { [RunState.Finished] = 2, [RunState.Failed] = 1 }, DateTimeOffset.UnixEpoch, new[] { "test" }, anyWithoutJobType: false, metrics);

        var group = RunGroupCache.Of(aggregate);

        Assert.AreSame(group, RunGroupCache.Of(aggregate));
        Assert.AreNotSame(group, RunGroupCache.Of(same), "an equal aggregate read again is another group");
        Assert.AreEqual(3, group.RunCount);
        CollectionAssert.AreEqual(new string?[] { "test" }, group.JobTypes.ToArray());
    }

    private static StoredRun Run(string id, string group, double accuracy, string? jobType = null) => new()
    {
        Id = id,
        Name = id,
        Project = "p",
        Group = group,
        JobType = jobType,
        CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)),
        Summary = new Dictionary<string, object?> { ["accuracy"] = accuracy },
    };
}
