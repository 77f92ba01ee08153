using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Sdk;

[TestClass]
public sealed class ConsoleConsumerTests
{
    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void A_console_project_that_references_the_packed_package_can_log_a_grouped_run_with_the_documented_api()
    {
        using var workspace = TestWorkspace.Create("console-api");
        workspace.WriteProject("Churn");
        workspace.WriteFile("Churn/Program.cs", """
            using Wandb;
            using Run run = Run.Init(new RunOptions { Project = "churn", Group = "cv-" + RunId.Generate(), JobType = "fold",
                                                     Config = { ["learning_rate"] = 0.1, ["fold"] = 3 } });
            run.Log(new Dictionary<string, double> { ["loss"] = 0.52, ["accuracy"] = 0.81 });
            run.Log(new Dictionary<string, double> { ["loss"] = 0.40 }, step: 10);
            run.Config["trees"] = 200;
            run.Summary["best_accuracy"] = 0.93;
            run.Finish();
            Console.WriteLine($"RUN {run.Id} {run.Group}");
            """);

        var result = workspace.DotNet("run --project Churn", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var store = new StoreFiles(workspace.StoreDirectory);
        var runId = store.RunIds.Single();
        StringAssert.Contains(result.StandardOutput, "RUN " + runId + " cv-");
        var metadata = store.Metadata(runId);
        Assert.AreEqual("churn", (string?)metadata["project"]);
        Assert.AreEqual("fold", (string?)metadata["job_type"]);
        StringAssert.StartsWith((string?)metadata["group"], "cv-");
        var state = store.WriterStates(runId).Single();
        Assert.AreEqual("finished", (string?)state["state"]);
        Assert.AreEqual(0.1, (double)state["config"]!["learning_rate"]!);
        Assert.AreEqual(200, (int)state["config"]!["trees"]!);
        Assert.AreEqual(0.93, (double)state["summary"]!["best_accuracy"]!);
        var rows = store.HistoryRows(runId);
        CollectionAssert.AreEqual(new long[] { 0, 10 }, rows.Select(r => (long)r["_step"]!).ToArray());
        Assert.AreEqual(0.81, (double)rows[0]["accuracy"]!);
        Assert.IsTrue((double)rows[1]["_timestamp"]! > 1_700_000_000, "_timestamp is Unix seconds");
    }
}
