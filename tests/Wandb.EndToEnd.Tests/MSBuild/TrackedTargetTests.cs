using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.MSBuild;

[TestClass]
public sealed class TrackedTargetTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Two_tracked_targets_become_two_runs_of_one_group_with_the_programs_metrics_and_config_and_the_next_build_gets_a_new_group()
    {
        using var workspace = TestWorkspace.Create("msb-two-targets");
        TrainingConsumer.Write(workspace, "Churn", extraProperties: "<WandbConfigProperties>Trees;LearningRate</WandbConfigProperties>");
        var store = new StoreFiles(workspace.StoreDirectory);

        var first = workspace.DotNet("build Churn -t:Train;CrossValidate -p:Trees=200 -p:LearningRate=0.1", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var runs = TrainingConsumer.Runs(store);
        Assert.HasCount(2, runs, first.ToString());
        CollectionAssert.AreEquivalent(new[] { "Train", "CrossValidate" }, runs.Select(r => (string?)r.Metadata["job_type"]).ToArray());
        var group = (string?)runs[0].Metadata["group"];
        StringAssert.StartsWith(group, "build-");
        Assert.IsTrue(runs.All(r => (string?)r.Metadata["group"] == group), "both runs share the build's group");
        Assert.IsTrue(runs.All(r => (string?)r.Metadata["project"] == "Churn"), "project defaults to the MSBuild project name");
        foreach (var (metadata, states) in runs)
        {
            var id = (string)metadata["id"]!;
            Assert.HasCount(2, states, "the target's task and the program it started each wrote to the run");
            Assert.IsTrue(states.All(s => (string?)s["state"] == "finished"), id);
            var program = metadata["job_type"]!.GetValue<string>() == "Train" ? "train" : "cv";
            StringAssert.Contains(first.StandardOutput, $"PROGRAM {program} run={id} group={group} job={metadata["job_type"]} attached=True");
            var rows = store.HistoryRows(id);
            CollectionAssert.AreEqual(new[] { 0.5, 0.25 }, rows.Select(r => (double)r["loss"]!).ToArray(), "the program's metrics land in the target's run");
        }

        var report = TrainingConsumer.ReportRuns(store)["runs"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.HasCount(2, report);
        foreach (var run in report)
        {
            var config = run["config"]!.AsObject();
            Assert.AreEqual(200L, config["Trees"]!.GetValue<long>(), "a numeric property is stored as a number");
            Assert.AreEqual(0.1, config["LearningRate"]!.GetValue<double>());
            Assert.AreEqual("Debug", (string?)config["Configuration"]);
            Assert.AreEqual("net10.0", (string?)config["TargetFramework"]);
        }

        var announcements = first.StandardOutput.Split('\n').Count(l => l.Contains($"runs of this build are in group {group}; grouped report: file://"));
        Assert.AreEqual(1, announcements, "one line per group and build: " + first);

        var second = workspace.DotNet("build Churn -t:Train -p:Trees=300", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        var newRun = TrainingConsumer.Runs(store).Single(r => !runs.Any(old => (string?)old.Metadata["id"] == (string?)r.Metadata["id"]));
        var secondGroup = (string?)newRun.Metadata["group"];
        StringAssert.StartsWith(secondGroup, "build-");
        Assert.AreNotEqual(group, secondGroup, "every dotnet build invocation is a new group");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void WANDB_RUN_GROUP_set_outside_the_build_wins_WandbEnabled_false_turns_tracking_off_and_targets_past_ten_warn()
    {
        using var workspace = TestWorkspace.Create("msb-env-group");
        TrainingConsumer.Write(workspace, "Churn");
        var environment = workspace.StoreEnvironment();
        environment["WANDB_RUN_GROUP"] = "sweep-7";

        var result = workspace.DotNet("build Churn -t:Train;CrossValidate", environment: environment, timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var runs = TrainingConsumer.Runs(new StoreFiles(workspace.StoreDirectory));
        Assert.HasCount(2, runs, result.ToString());
        Assert.IsTrue(runs.All(r => (string?)r.Metadata["group"] == "sweep-7"), result.ToString());

        var off = workspace.DotNet("build Churn -t:Train -p:WandbEnabled=false", environment: environment, timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, off.ExitCode, off.ToString());
        StringAssert.Contains(off.StandardOutput, "attached=False", "no target run for the program to attach to: " + off);
        var afterOff = TrainingConsumer.Runs(new StoreFiles(workspace.StoreDirectory));
        Assert.HasCount(2, afterOff.Where(r => r.Metadata["job_type"] is not null).ToList(), "WandbEnabled=false starts no run for the target, and the program it starts records none");
        Assert.IsFalse(off.Output.Contains("wandb: runs of this build"), off.ToString());

        var crowded = workspace.DotNet("build Churn -t:Train -p:WandbTrackedTargets=A%3BB%3BC%3BD%3BE%3BF%3BG%3BH%3BI%3BJ%3BTrain", environment: environment, timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, crowded.ExitCode, crowded.ToString());
        StringAssert.Contains(crowded.StandardOutput, "warning WANDB031: WandbTrackedTargets lists more than 10 targets; these run without a wandb run: Train.");
        Assert.HasCount(2, TrainingConsumer.Runs(new StoreFiles(workspace.StoreDirectory)).Where(r => r.Metadata["job_type"] is not null).ToList(), "the eleventh target runs untracked");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_failing_tracked_target_leaves_a_failed_run_and_the_builds_own_error_unchanged()
    {
        using var workspace = TestWorkspace.Create("msb-failing");
        workspace.WriteProject("Churn", outputType: "Library", body: """
            <Target Name="Train">
              <Exec Command="echo training" />
            </Target>
            <Target Name="Evaluate" DependsOnTargets="Train">
              <Exec Command="exit 3" />
            </Target>
            """);

        var result = workspace.DotNet("build Churn -t:Evaluate", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "error MSB3073: The command \"exit 3\" exited with code 3.");
        Assert.IsFalse(result.Output.Contains("error WANDB"), "tracking adds no error: " + result);
        var store = new StoreFiles(workspace.StoreDirectory);
        var runs = TrainingConsumer.Runs(store);
        Assert.HasCount(2, runs, result.ToString());
        var evaluate = runs.Single(r => (string?)r.Metadata["job_type"] == "Evaluate");
        var train = runs.Single(r => (string?)r.Metadata["job_type"] == "Train");
        Assert.AreEqual("failed", (string?)evaluate.States.Single()["state"], "the run of the failed target is closed as failed, not left running");
        Assert.AreEqual("finished", (string?)train.States.Single()["state"]);
        var reported = TrainingConsumer.ReportRuns(store)["runs"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.AreEqual("failed", (string?)reported.Single(r => (string?)r["job_type"] == "Evaluate")["state"], "the report refreshed at the end of the build shows the failure");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_store_that_cannot_be_written_gives_a_warning_and_a_successful_build()
    {
        using var workspace = TestWorkspace.Create("msb-readonly");
        TrainingConsumer.Write(workspace, "Churn");
        // A path below a regular file cannot be created even by root, unlike a chmod'ed folder.
        var blocker = workspace.WriteFile("blocker", "not a folder");
        var environment = new Dictionary<string, string?> { ["WANDB_DIR"] = Path.Combine(blocker, "store") };

        var result = workspace.DotNet("build Churn -t:Train", environment: environment, timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "Build succeeded");
        StringAssert.Contains(result.StandardOutput, "warning WANDB001");
        StringAssert.Contains(result.StandardOutput, "PROGRAM train run=");
    }
}
