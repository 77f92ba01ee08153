using Wandb.Runs;
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

    public static IEnumerable<object[]> Policies() => new[]
    {
        new object[] { "7 days", new RetentionPolicy { KeepDays = 7, DryRun = true }, Array.Empty<string>() },
        new object[] { "2 groups", new RetentionPolicy { KeepGroups = 2, DryRun = true }, Array.Empty<string>() },
        new object[] { "both", new RetentionPolicy { KeepDays = 20, KeepGroups = 1, DryRun = true }, Array.Empty<string>() },
        new object[] { "one project", new RetentionPolicy { KeepDays = 3, Project = "web", DryRun = true }, Array.Empty<string>() },
        new object[] { "protected", new RetentionPolicy { KeepDays = 1, DryRun = true }, new[] { "web-old-main", "api-2" } },
    };

    [TestMethod]
    [DynamicData(nameof(Policies))]
    public void The_group_index_expires_the_runs_every_run_would_and_reads_only_those_and_the_runs_without_a_group(string name, RetentionPolicy policy, string[] protectedGroups)
    {
        using var store = new TempStore();
        WriteHistory(store);
        ((FolderRunStore)store.Reader()).Prepare();
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
        ((FolderRunStore)store.Reader()).Prepare();
        File.Move(Path.Combine(index, "groups.v2.jsonl"), Path.Combine(index, "groups.v1.jsonl"));
        var policy = new RetentionPolicy { KeepDays = 7, DryRun = true };
        var expected = RetentionSelection.Expired(store.Reader().ListRuns(), policy, new HashSet<string>(), Now);

        var result = RunRetention.Apply(store.Reader(), policy, null, new ManualClock(Now), store.Output);

        CollectionAssert.AreEqual(Describe(expected), Describe(result.Runs));
        Assert.IsTrue(File.Exists(Path.Combine(index, "groups.v2.jsonl")), "computed again from the runs");
        Assert.IsFalse(File.Exists(Path.Combine(index, "groups.v1.jsonl")), "the earlier version's file is not left behind");
        StringAssert.Contains(File.ReadAllText(Path.Combine(index, "groups.v2.jsonl")), "\"git_branches\":[\"main\"]", "each group's branches are kept");
    }

    /// <summary>
    /// Two projects' groups of many ages, on main and on feature branches (the newest finished group is on one, so the
    /// newest on main is a baseline too), one failed, one created long ago but finished lately, one with a run still being
    /// written, and runs without a group: each a batch record, so its times and branch are exactly as given.
    /// </summary>
    private static void WriteHistory(TempStore store)
    {
        using var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "history");
        var next = 0;
        void Add(string project, string? group, int daysAgo, string? branch = null, string state = "finished", string jobType = "fold", int runs = 2, int? finishedDaysAgo = null)
        {
            for (var i = 0; i < runs; i++)
            {
                var created = Now - TimeSpan.FromDays(daysAgo) + TimeSpan.FromMinutes(i);
                var last = finishedDaysAgo is { } days ? Now - TimeSpan.FromDays(days) : created + TimeSpan.FromSeconds(30);
                writer.Append(Record("r" + (next++).ToString("D4", System.Globalization.CultureInfo.InvariantCulture), project, group, created, last, branch, state, jobType));
            }
        }

        Add("web", "web-old-main", 40, branch: "main");
        Add("web", "web-main", 30, branch: "main");
        Add("web", "web-feature", 25, branch: "feature/x");
        Add("web", "web-failed", 20, branch: "main", state: "failed");
        Add("web", "web-eval", 15, jobType: "eval");
        Add("web", "web-eval-2", 12, jobType: "eval");
        Add("web", "web-new", 2, branch: "feature/y");
        Add("web", "web-resumed", 40, finishedDaysAgo: 2);
        Add("web", null, 35, runs: 3);
        Add("web", null, 1);
        Add("api", "api-1", 50);
        Add("api", "api-2", 45);
        Add("api", "api-3", 10);
        Add("api", "api-live", 60, state: "running");
        Add("api", null, 9);
    }

    private static RunBatchRecord Record(string id, string project, string? group, DateTimeOffset at, DateTimeOffset last, string? branch, string state, string jobType) => new(
        new RunMetadataFile
        {
            Id = id,
            Name = id,
            Project = project,
            Group = group,
            JobType = jobType,
            CreatedAt = at,
            System = new SystemInfo { Host = "ci-7", Os = "Linux", DotNet = ".NET 10", Pid = 42, GitBranch = branch },
        },
        new WriterStateFile
        {
            Writer = "history",
            Host = "ci-7",
            Pid = 42,
            StartedAt = at,
            UpdatedAt = last,
            FinishedAt = state == "running" ? null : last,
            State = state,
            ExitCode = state == "running" ? null : state == "finished" ? 0 : 1,
            Summary = new Dictionary<string, object?> { ["loss"] = 0.5 },
        });

    private static List<string> Describe(IEnumerable<ExpiredRun> runs) =>
        runs.Select(r => $"{r.Project}/{r.Group ?? "(none)"}/{r.Id}/{r.LastActiveAt:O}").ToList();
}
