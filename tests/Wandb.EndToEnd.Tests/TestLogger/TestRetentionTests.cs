using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

[TestClass]
public sealed class TestRetentionTests
{
    private static readonly TimeSpan DotNetTimeout = TimeSpan.FromMinutes(6);

    /// <summary>
    /// A test project's results are recorded in batch files, which hold every result of a session: retention must still
    /// delete a whole older session, and leave the current one, counted run for run.
    /// </summary>
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Retention_groups_deletes_an_older_test_runs_results_and_keeps_this_ones()
    {
        using var workspace = TestWorkspace.Create("logger-retention");
        MlTestProject.WriteVsTest(workspace, "Churn.Tests");
        var environment = workspace.StoreEnvironment();

        environment["WANDB_RUN_GROUP"] = "nightly-1";
        var first = workspace.DotNet("test Churn.Tests --logger \"wandb;project=churn\"", environment: environment, timeout: DotNetTimeout);
        environment["WANDB_RUN_GROUP"] = "nightly-2";
        var dryRun = workspace.DotNet("test Churn.Tests --no-build --logger \"wandb;project=churn;retention_groups=1;retention_dry_run=true\"", environment: environment, timeout: DotNetTimeout);
        environment["WANDB_RUN_GROUP"] = "nightly-3";
        var second = workspace.DotNet("test Churn.Tests --no-build --logger \"wandb;project=churn;retention_groups=1\"", environment: environment, timeout: DotNetTimeout);

        // One test fails on purpose in every session, so no session is a finished group the gate's baseline could keep.
        Assert.AreEqual(1, first.ExitCode, first.ToString());
        StringAssert.Contains(dryRun.StandardOutput, "Retention (dry run): would delete 14 run(s) of 1 group(s)", dryRun.ToString());
        StringAssert.Contains(second.StandardOutput, "Retention: deleted 28 run(s) of 2 group(s)", second.ToString());
        Assert.AreEqual(1, second.ExitCode, "retention never changes the test run's result");

        var runsJson = JsonNode.Parse(File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "runs.json")))!.AsObject();
        var groups = runsJson["groups"]!.AsArray().Select(g => (string?)g!["group"]).ToList();
        CollectionAssert.AreEqual(new[] { "nightly-3" }, groups, "the report reads the store after retention");
        Assert.HasCount(14, runsJson["runs"]!.AsArray());
        Assert.HasCount(4, Directory.GetFiles(Path.Combine(workspace.StoreDirectory, "batches")), "three sessions' batch files, kept as written, and one of tombstones");

        // What another tool reading the documented file format finds: the tombstones take the older sessions' runs out.
        var onDisk = RecordedRun.ReadAll(new StoreFiles(workspace.StoreDirectory));
        Assert.HasCount(14, onDisk);
        CollectionAssert.AreEqual(new[] { "nightly-3" }, onDisk.Select(r => r.Group).Distinct().ToList());
    }
}
