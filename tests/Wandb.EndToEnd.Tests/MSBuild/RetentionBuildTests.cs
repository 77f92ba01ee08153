using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.MSBuild;

[TestClass]
public sealed class RetentionBuildTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void WandbRetentionGroups_with_a_dry_run_lists_the_older_builds_then_without_it_deletes_them_and_keeps_the_current_build()
    {
        using var workspace = TestWorkspace.Create("msb-retention");
        TrainingConsumer.Write(workspace, "Churn");
        var store = new StoreFiles(workspace.StoreDirectory);
        foreach (var _ in new[] { 1, 2 })
        {
            var earlier = workspace.DotNet("build Churn -t:Train", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, earlier.ExitCode, earlier.ToString());
        }

        var older = TrainingConsumer.Runs(store).Select(r => (Id: (string)r.Metadata["id"]!, Group: (string)r.Metadata["group"]!)).ToList();
        Assert.HasCount(2, older);

        var dryRun = workspace.DotNet("build Churn -t:Train -p:WandbRetentionGroups=1 -p:WandbRetentionDryRun=true", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, dryRun.ExitCode, dryRun.ToString());
        StringAssert.Contains(dryRun.Output, "wandb: Retention (dry run): would delete 2 run(s) of 2 group(s)", dryRun.ToString());
        foreach (var (id, group) in older)
        {
            StringAssert.Contains(dryRun.Output, $"Churn / {group}: {id}", dryRun.ToString());
        }

        Assert.HasCount(3, store.RunIds, "a dry run deletes nothing");

        var deleting = workspace.DotNet("build Churn -t:Train -p:WandbRetentionGroups=1", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, deleting.ExitCode, deleting.ToString());
        StringAssert.Contains(deleting.Output, "wandb: Retention: deleted 3 run(s) of 3 group(s)", deleting.ToString());
        var left = TrainingConsumer.Runs(store);
        Assert.HasCount(1, left, "only the current build's group is kept: " + deleting);
        Assert.IsFalse(older.Any(o => o.Id == (string)left[0].Metadata["id"]!));
        Assert.IsTrue(left[0].States.All(s => (string?)s["state"] == "finished"), deleting.ToString());
        var report = TrainingConsumer.ReportRuns(store)["runs"]!.AsArray();
        Assert.HasCount(1, report, "the report written after retention holds only what is left");
    }
}
