using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.MSBuild;

/// <summary>
/// Which run a program's <c>Run.Init</c> lands in under a tracked target, and what a build with tracking
/// off leaves behind: the situations of a real project that trains several trainers in one program.
/// </summary>
[TestClass]
public sealed class TargetRunIdentityTests
{
    /// <summary>
    /// <c>train</c>: four trainers, each its own named <c>Run.Init</c>, as dotnet/machinelearning-samples'
    /// BikeSharingDemand does. <c>evaluate</c>: two plain <c>Run.Init()</c> one after the other.
    /// </summary>
    private const string Program = """
        using Wandb;
        if (args[0] == "train")
        {
            foreach (var (trainer, rate) in new[] { ("FastTree", 0.5), ("FastForest", 0.6), ("LightGbm", 0.4), ("Sdca", 0.8) })
            {
                using var run = Run.Init(new RunOptions { Name = trainer, JobType = "train", Config = { ["trainer"] = trainer, ["rate"] = rate } });
                for (var step = 0; step < 10; step++)
                {
                    run.Log(new Dictionary<string, double> { ["rmse"] = rate / (step + 1) });
                }

                Console.WriteLine($"TRAINER {trainer} run={run.Id} group={run.Group} attached={run.IsAttached}");
            }
        }
        else
        {
            for (var pass = 0; pass < 2; pass++)
            {
                using var run = Run.Init();
                run.Log(new Dictionary<string, double> { ["auc"] = 0.8 + pass / 10.0 });
                run.Log(new Dictionary<string, double> { ["auc"] = 0.85 + pass / 10.0 });
                Console.WriteLine($"PASS {pass} run={run.Id} group={run.Group} job={run.JobType} attached={run.IsAttached}");
            }
        }
        """;

    private const string Targets = """
        <Target Name="Train" DependsOnTargets="Build">
          <Exec Command="dotnet &quot;$(TargetPath)&quot; train" />
        </Target>
        <Target Name="Evaluate" DependsOnTargets="Build">
          <Exec Command="dotnet &quot;$(TargetPath)&quot; evaluate" />
        </Target>
        """;

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Four_trainers_under_a_tracked_target_become_four_runs_of_the_targets_group_and_a_second_plain_init_gets_a_run_of_its_own()
    {
        using var workspace = TestWorkspace.Create("msb-trainers");
        workspace.WriteProject("Bikes", body: Targets);
        workspace.WriteFile("Bikes/Program.cs", Program);
        var store = new StoreFiles(workspace.StoreDirectory);

        var result = workspace.DotNet("build Bikes -t:Train;Evaluate", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.IsFalse(result.Output.Contains("warning WANDB", StringComparison.Ordinal), "a new run is news, not a problem: " + result);
        var runs = TrainingConsumer.Runs(store).Select(r => r.Metadata).ToList();
        Assert.HasCount(7, runs, "the two targets' runs, four trainers, the first evaluation joined its target's run and the second got its own: " + result);
        var group = (string?)runs.Single(r => (string?)r["job_type"] == "Train")["group"];
        StringAssert.StartsWith(group, "build-");
        Assert.IsTrue(runs.All(r => (string?)r["group"] == group && (string?)r["project"] == "Bikes"), "every run is in the target's group and project: " + result);

        var target = runs.Single(r => (string?)r["job_type"] == "Train");
        Assert.AreEqual((string?)target["id"], (string?)target["name"], "the target's run keeps its own name");
        Assert.IsEmpty(store.HistoryRows((string)target["id"]!), "no trainer's curve is joined onto the target's run");

        foreach (var (trainer, rate) in new[] { ("FastTree", 0.5), ("FastForest", 0.6), ("LightGbm", 0.4), ("Sdca", 0.8) })
        {
            var run = runs.Single(r => (string?)r["name"] == trainer);
            var id = (string)run["id"]!;
            Assert.AreEqual("train", (string?)run["job_type"]);
            StringAssert.Contains(result.StandardOutput, $"TRAINER {trainer} run={id} group={group} attached=False");
            var rows = store.HistoryRows(id);
            CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(s => (long)s).ToArray(), rows.Select(r => (long)r["_step"]!).ToArray(), trainer + "'s curve starts at step 0 and is its own");
            Assert.AreEqual(rate / 10, (double)rows[^1]["rmse"]!, 1e-12);
            var state = store.WriterStates(id).Single();
            Assert.AreEqual(trainer, (string?)state["config"]!["trainer"]);
            Assert.AreEqual(rate, (double)state["config"]!["rate"]!);
            Assert.AreEqual("finished", (string?)state["state"]);
        }

        var newRunLines = LinesOf(result.Output, "new run");
        Assert.HasCount(2, newRunLines, "each program says once that it starts runs of its own: " + result);
        Assert.IsTrue(newRunLines.Any(l => l.Contains("'FastTree'") && l.Contains("Train")), string.Join("\n", newRunLines));

        var evaluate = runs.Single(r => (string?)r["job_type"] == "Evaluate" && (string?)r["id"] == (string?)r["name"] && store.WriterStates((string)r["id"]!).Count == 2);
        var evaluateId = (string)evaluate["id"]!;
        StringAssert.Contains(result.StandardOutput, $"PASS 0 run={evaluateId} group={group} job=Evaluate attached=True", "a plain Run.Init() joins the run of the target that started it");
        CollectionAssert.AreEqual(new[] { 0.8, 0.85 }, store.HistoryRows(evaluateId).Select(r => (double)r["auc"]!).ToArray());
        var second = runs.Single(r => (string?)r["job_type"] == "Evaluate" && (string?)r["id"] != evaluateId);
        StringAssert.Contains(result.StandardOutput, $"PASS 1 run={second["id"]} group={group} job=Evaluate attached=False", "after the joined run finished, the next Run.Init is a new run");
        var secondRows = store.HistoryRows((string)second["id"]!);
        CollectionAssert.AreEqual(new long[] { 0, 1 }, secondRows.Select(r => (long)r["_step"]!).ToArray(), "its history is not appended to the target's");

        var report = TrainingConsumer.ReportRuns(store)["runs"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        CollectionAssert.IsSubsetOf(new[] { "FastTree", "FastForest", "LightGbm", "Sdca" }, report, "the build's report shows the trainers' runs");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_build_with_tracking_off_starts_programs_that_record_nothing()
    {
        using var workspace = TestWorkspace.Create("msb-disabled");
        TrainingConsumer.Write(workspace, "Churn", extraTargets: """
            <Target Name="Prepare" DependsOnTargets="Build">
              <Exec Command="dotnet &quot;$(TargetPath)&quot; prepare" />
            </Target>
            """);
        var store = new StoreFiles(workspace.StoreDirectory);

        var off = workspace.DotNet("build Churn -t:Train;Prepare -p:WandbEnabled=false", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, off.ExitCode, off.ToString());
        StringAssert.Contains(off.StandardOutput, "PROGRAM train run=");
        StringAssert.Contains(off.StandardOutput, "PROGRAM prepare run=", "an untracked target's program is off too");
        Assert.IsEmpty(store.RunIds, "WandbEnabled=false: neither the targets nor the programs they start record a run: " + off);
        Assert.IsFalse(off.Output.Contains("wandb:"), "a build with tracking off says nothing about runs: " + off);

        var modeProperty = workspace.DotNet("build Churn -t:Train -p:WANDB_MODE=disabled", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, modeProperty.ExitCode, modeProperty.ToString());
        StringAssert.Contains(modeProperty.StandardOutput, "PROGRAM train run=");
        Assert.IsEmpty(store.RunIds, "WANDB_MODE=disabled given as a property turns the programs off as well: " + modeProperty);

        var modeVariable = workspace.StoreEnvironment();
        modeVariable["WANDB_MODE"] = "disabled";
        var fromEnvironment = workspace.DotNet("build Churn -t:Train", environment: modeVariable, timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, fromEnvironment.ExitCode, fromEnvironment.ToString());
        StringAssert.Contains(fromEnvironment.StandardOutput, "PROGRAM train run=");
        Assert.IsEmpty(store.RunIds, "WANDB_MODE=disabled in the environment reaches the programs by inheritance: " + fromEnvironment);

        var on = workspace.DotNet("build Churn -t:Train", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, on.ExitCode, on.ToString());
        Assert.HasCount(1, store.RunIds, "the next build with tracking on records again: " + on);
        StringAssert.Contains(on.StandardOutput, "attached=True");
    }

    private static List<string> LinesOf(string output, string fragment) =>
        output.Split('\n').Where(l => l.Contains("wandb:") && l.Contains(fragment)).Select(l => l.Trim()).Distinct().ToList();
}
