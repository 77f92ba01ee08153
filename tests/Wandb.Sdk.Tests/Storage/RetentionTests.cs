using Wandb.Reports;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage.Retention;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Keep_days_deletes_the_groups_last_active_before_the_cutoff_and_their_run_folders()
    {
        using var store = new TempStore();
        var old = AddRuns(store, "proj", "nightly-1", daysAgo: 10, count: 2);
        var recent = AddRuns(store, "proj", "nightly-2", daysAgo: 2, count: 2);

        var result = Apply(store, new RetentionPolicy { KeepDays = 7 });

        Assert.IsFalse(result.DryRun);
        CollectionAssert.AreEquivalent(old, result.Runs.Select(r => r.Id).ToList());
        CollectionAssert.AreEquivalent(recent, store.Runs().Select(r => r.Id).ToList());
        foreach (var id in old)
        {
            Assert.IsFalse(Directory.Exists(Path.Combine(store.Root, "runs", id)), id);
        }

        Assert.AreEqual(0, Directory.GetFileSystemEntries(Path.Combine(store.Root, ".deleting")).Length, "moved folders are deleted, not left behind");
    }

    [TestMethod]
    public void Keep_groups_keeps_the_most_recent_groups_of_each_project_and_counts_a_run_without_a_group_as_one()
    {
        using var store = new TempStore();
        var oldest = AddRuns(store, "web", "build-1", daysAgo: 30, count: 1);
        var lone = AddRuns(store, "web", group: null, daysAgo: 20, count: 1);
        var kept = AddRuns(store, "web", "build-3", daysAgo: 10, count: 3).Concat(AddRuns(store, "web", "build-4", daysAgo: 1, count: 1));
        var otherProject = AddRuns(store, "api", "build-1", daysAgo: 40, count: 2);

        var result = Apply(store, new RetentionPolicy { KeepGroups = 2 });

        CollectionAssert.AreEquivalent(oldest.Concat(lone).ToList(), result.Runs.Select(r => r.Id).ToList());
        CollectionAssert.AreEquivalent(kept.Concat(otherProject).ToList(), store.Runs().Select(r => r.Id).ToList(), "another project's groups are counted apart");
    }

    [TestMethod]
    public void With_both_limits_a_group_stays_when_either_keeps_it()
    {
        using var store = new TempStore();
        var gone = AddRuns(store, "proj", "a", daysAgo: 50, count: 1);
        AddRuns(store, "proj", "b", daysAgo: 40, count: 1);
        AddRuns(store, "proj", "c", daysAgo: 3, count: 1);
        AddRuns(store, "proj", "d", daysAgo: 2, count: 1);

        var result = Apply(store, new RetentionPolicy { KeepDays = 7, KeepGroups = 3 });

        CollectionAssert.AreEquivalent(gone, result.Runs.Select(r => r.Id).ToList(), "b is outside 7 days but among the 3 latest groups");
    }

    [TestMethod]
    public void A_dry_run_lists_what_would_go_by_group_and_deletes_nothing()
    {
        using var store = new TempStore();
        var old = AddRuns(store, "proj", "sweep-1", daysAgo: 10, count: 2);
        AddRuns(store, "proj", "sweep-2", daysAgo: 1, count: 1);

        var result = Apply(store, new RetentionPolicy { KeepDays = 7, DryRun = true });

        Assert.IsTrue(result.DryRun);
        CollectionAssert.AreEquivalent(old, result.Runs.Select(r => r.Id).ToList());
        Assert.AreEqual(3, store.Runs().Count, "nothing deleted");
        var lines = result.Lines();
        Assert.AreEqual("Retention (dry run): would delete 2 run(s) of 1 group(s)", lines[0]);
        Assert.AreEqual($"  proj / sweep-1: {string.Join(", ", old.OrderBy(id => id, StringComparer.Ordinal))}", lines[1]);
    }

    [TestMethod]
    public void Console_lines_list_ten_run_ids_per_group_and_say_how_many_more()
    {
        var runs = Enumerable.Range(0, 25).Select(i => new ExpiredRun("r" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "proj", "nightly-1", Now))
            .Append(new ExpiredRun("s01", "proj", "nightly-2", Now))
            .ToList();
        var result = new RetentionResult { DryRun = false, Runs = runs };

        var console = result.Lines(RetentionResult.ConsoleIdsPerGroup);
        var full = result.Lines();

        Assert.AreEqual("Retention: deleted 26 run(s) of 2 group(s)", console[0]);
        Assert.AreEqual("  proj / nightly-1: r00, r01, r02, r03, r04, r05, r06, r07, r08, r09 and 15 more", console[1]);
        Assert.AreEqual("  proj / nightly-2: s01", console[2]);
        Assert.AreEqual("  proj / nightly-1: " + string.Join(", ", runs.Take(25).Select(r => r.Id)), full[1], "dotnet wandb prune lists every id");
    }

    [TestMethod]
    public void Focus_and_baseline_groups_and_a_group_with_a_live_writer_are_never_deleted()
    {
        using var store = new TempStore();
        var clock = new ManualClock(Now - TimeSpan.FromDays(30));
        var focus = AddRuns(store, "proj", "this-build", daysAgo: 30, count: 1);
        var baseline = AddRuns(store, "proj", "baseline", daysAgo: 30, count: 1);
        var gone = AddRuns(store, "proj", "old", daysAgo: 30, count: 1);
        var live = store.Init(new RunOptions { Project = "proj", Group = "training" }, store.Context(clock: clock));
        live.Log("loss", 1.0);
        AddRuns(store, "proj", "training", daysAgo: 30, count: 1);

        var report = ReportWriter.WriteAll(
            store.Reader(),
            new ReportOptions { FocusGroups = { "this-build" }, BaselineGroup = "baseline", Retention = new RetentionPolicy { KeepDays = 7 } },
            new ManualClock(Now),
            store.Output);

        CollectionAssert.AreEquivalent(gone, report.Retention!.Runs.Select(r => r.Id).ToList());
        var left = store.Runs().Select(r => r.Id).ToList();
        CollectionAssert.IsSubsetOf(focus.Concat(baseline).Append(live.Id).ToList(), left);
        Assert.AreEqual("Retention: deleted 1 run(s) of 1 group(s)", report.ConsoleLines[0], "the console summary starts with what retention did");
        live.Finish();
    }

    [TestMethod]
    public void Reports_without_a_retention_policy_delete_nothing()
    {
        using var store = new TempStore();
        AddRuns(store, "proj", "ancient", daysAgo: 3000, count: 2);

        var report = ReportWriter.WriteAll(store.Reader(), new ReportOptions(), new ManualClock(Now), store.Output);

        Assert.IsNull(report.Retention);
        Assert.AreEqual(2, store.Runs().Count);
    }

    [TestMethod]
    public void A_limit_below_one_is_rejected_naming_the_setting_and_value()
    {
        using var store = new TempStore();

        var error = Assert.ThrowsExactly<ArgumentException>(() => Apply(store, new RetentionPolicy { KeepDays = 0 }));

        StringAssert.Contains(error.Message, "WandbRetentionDays");
        StringAssert.Contains(error.Message, "not 0");
    }

    private static RetentionResult Apply(TempStore store, RetentionPolicy policy) =>
        RunRetention.Apply(store.Reader(), policy, null, new ManualClock(Now), store.Output);

    /// <summary>Records finished runs whose last activity was <paramref name="daysAgo"/> days before <see cref="Now"/>.</summary>
    private static List<string> AddRuns(TempStore store, string project, string? group, int daysAgo, int count)
    {
        var context = store.Context(clock: new ManualClock(Now - TimeSpan.FromDays(daysAgo)));
        return Enumerable.Range(0, count).Select(_ =>
        {
            using var run = store.Init(new RunOptions { Project = project, Group = group }, context);
            run.Log("loss", 0.5);
            run.Finish();
            return run.Id;
        }).ToList();
    }
}
