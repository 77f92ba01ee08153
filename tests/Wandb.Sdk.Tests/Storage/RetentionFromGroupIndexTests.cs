using Wandb.Reports;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Retention;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>
/// Retention on a folder store is judged by the group index (each group's last activity and git branches), so a refresh
/// with a policy reads the runs it deletes, not the store. It must expire exactly what retention judged from every run
/// expires: the same runs, in the same order, whatever the policy.
/// </summary>
[TestClass]
public sealed class RetentionFromGroupIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Policies() => RetentionHistory.Policies.Select(p => new object[] { p.Name, p.Policy, p.Protected });

    [TestMethod]
    [DynamicData(nameof(Policies))]
    public void The_group_index_expires_the_runs_every_run_would_and_reads_only_those_and_the_runs_without_a_group(string name, RetentionPolicy policy, string[] protectedGroups)
    {
        using var store = new TempStore();
        WriteHistory(store);
        ((FolderRunStore)store.Reader()).Prepare(Array.Empty<string>(), ReportOptions.DefaultMaxDetailRuns);
        var expected = RetentionSelection.Expired(store.Reader().ListRuns(), policy, new HashSet<string>(protectedGroups), Now);
        Assert.IsTrue(expected.Count > 0, $"{name}: the policy expires something");

        var fresh = (FolderRunStore)store.Reader();
        var result = RunRetention.Apply(fresh, policy, protectedGroups, new ManualClock(Now), store.Output);

        CollectionAssert.AreEqual(Describe(expected), Describe(result.Runs), name);
        var lone = store.Reader().ListRuns().Count(r => r.Group is null && (policy.Project is null || r.Project == policy.Project));
        var expiredInGroups = expected.Count(r => r.Group is not null);
        Assert.AreEqual(lone + expiredInGroups, fresh.RunsAssembledForGroups, $"{name}: runs read are the runs without a group and those of expired groups, not the store's {store.Reader().ListRuns().Count()}");
    }

    [TestMethod]
    public void A_group_index_of_version_1_is_replaced_and_deleted_and_retention_still_expires_by_every_run()
    {
        using var store = new TempStore();
        WriteHistory(store);
        var index = Path.Combine(store.Root, "index");
        ((FolderRunStore)store.Reader()).Prepare(Array.Empty<string>(), ReportOptions.DefaultMaxDetailRuns);
        File.Move(Path.Combine(index, "groups.v2.jsonl"), Path.Combine(index, "groups.v1.jsonl"));
        var policy = new RetentionPolicy { KeepDays = 7, DryRun = true };
        var expected = RetentionSelection.Expired(store.Reader().ListRuns(), policy, new HashSet<string>(), Now);

        var result = RunRetention.Apply(store.Reader(), policy, null, new ManualClock(Now), store.Output);

        CollectionAssert.AreEqual(Describe(expected), Describe(result.Runs));
        Assert.IsTrue(File.Exists(Path.Combine(index, "groups.v2.jsonl")), "computed again from the runs");
        Assert.IsFalse(File.Exists(Path.Combine(index, "groups.v1.jsonl")), "the earlier version's file is not left behind");
        StringAssert.Contains(File.ReadAllText(Path.Combine(index, "groups.v2.jsonl")), "\"git_branches\":[\"main\"]", "each group's branches are kept");
    }

    private static void WriteHistory(TempStore store)
    {
        using var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), RetentionHistory.Writer);
        RetentionHistory.Write(writer, Now);
    }

    private static List<string> Describe(IEnumerable<ExpiredRun> runs) =>
        runs.Select(r => $"{r.Project}/{r.Group ?? "(none)"}/{r.Id}/{r.LastActiveAt:O}").ToList();
}
