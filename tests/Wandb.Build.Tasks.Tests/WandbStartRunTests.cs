using Microsoft.Build.Utilities;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class WandbStartRunTests
{
    [TestMethod]
    public void Starting_a_run_gives_the_targets_processes_the_variables_that_attach_them_and_finishing_restores_the_project()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values["WANDB_PROJECT"] = "outer-project";
        var start = fixture.Start("Train");

        Assert.IsTrue(start.Execute());

        var env = fixture.Environment.Values;
        Assert.AreEqual(start.RunId, env["WANDB_RUN_ID"]);
        Assert.AreEqual("allow", env["WANDB_RESUME"]);
        Assert.AreEqual("build-b1d2c3e4", env["WANDB_RUN_GROUP"]);
        Assert.AreEqual("Train", env["WANDB_JOB_TYPE"]);
        Assert.AreEqual(fixture.StoreDirectory, env["WANDB_DIR"]);
        Assert.AreEqual("outer-project", env["WANDB_PROJECT"], "WANDB_PROJECT from the build wins over the MSBuild project name");
        var stored = fixture.StoredRun(start.RunId);
        Assert.AreEqual(RunState.Running, stored.State);
        Assert.AreEqual("Train", stored.JobType);
        Assert.AreEqual("build-b1d2c3e4", stored.Group);

        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());

        Assert.AreEqual(RunState.Finished, fixture.StoredRun(start.RunId).State);
        Assert.AreEqual("outer-project", env["WANDB_PROJECT"]);
        Assert.IsFalse(env.ContainsKey("WANDB_RUN_ID"), "the variables the run set are gone after the target");
        Assert.IsFalse(env.ContainsKey("WANDB_JOB_TYPE"));
        Assert.IsEmpty(fixture.Engine.Warnings, fixture.Engine.WarningCodes);
    }

    [TestMethod]
    public void The_WandbStore_property_reaches_the_targets_processes_as_WANDB_STORE_and_is_never_logged()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        start.Store = "Host=127.0.0.1;Port=1;Username=ci;Password=hunter2-secret;Timeout=1";

        Assert.IsTrue(start.Execute());

        Assert.AreEqual(start.Store, fixture.Environment.Values["WANDB_STORE"]);
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        Assert.IsFalse(fixture.Environment.Values.ContainsKey("WANDB_STORE"), "restored after the target");
        var logged = string.Join("\n", fixture.Engine.Messages.Select(m => m.Message).Concat(fixture.Engine.Warnings.Select(w => w.Message)));
        Assert.IsFalse(logged.Contains("hunter2-secret", StringComparison.Ordinal), logged);
    }

    [TestMethod]
    public void The_run_of_a_target_whose_After_task_never_ran_is_closed_as_failed_when_the_build_ends_and_the_report_is_refreshed()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Evaluate");
        Assert.IsTrue(start.Execute());

        fixture.Engine.EndBuild();

        var stored = fixture.StoredRun(start.RunId);
        Assert.AreEqual(RunState.Failed, stored.State);
        Assert.AreEqual(1, stored.ExitCode);
        var report = File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json"));
        StringAssert.Contains(report, start.RunId);
        StringAssert.Contains(report, "\"failed\"");
    }

    [TestMethod]
    public void Targets_of_one_build_share_the_generated_group_and_the_WandbRunGroup_property_wins_over_WANDB_RUN_GROUP()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values["WANDB_RUN_GROUP"] = "from-env";
        var fromEnvironment = fixture.Start("Train");
        Assert.IsTrue(fromEnvironment.Execute());
        Assert.IsTrue(fixture.Finish(fromEnvironment.RunId, "Train").Execute());

        var explicitGroup = fixture.Start("CrossValidate");
        explicitGroup.Group = "  sweep-3 ";
        Assert.IsTrue(explicitGroup.Execute());

        Assert.AreEqual("from-env", fixture.StoredRun(fromEnvironment.RunId).Group);
        Assert.AreEqual("sweep-3", fixture.StoredRun(explicitGroup.RunId).Group);

        fixture.Environment.Values.Remove("WANDB_RUN_GROUP");
        fixture.Environment.Values["GITHUB_RUN_ID"] = "981";
        fixture.Environment.Values["GITHUB_RUN_ATTEMPT"] = "2";
        var fromCi = fixture.Start("Tune");
        Assert.IsTrue(fromCi.Execute());
        Assert.AreEqual("gh-981-2", fixture.StoredRun(fromCi.RunId).Group, "a CI pipeline run groups every job of the pipeline");
    }

    [TestMethod]
    public void A_WANDB_RUN_ID_in_the_builds_environment_does_not_merge_two_targets_into_one_run()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values["WANDB_RUN_ID"] = "outer123";
        fixture.Environment.Values["WANDB_JOB_TYPE"] = "outer";

        var train = fixture.Start("Train");
        Assert.IsTrue(train.Execute());
        Assert.IsTrue(fixture.Finish(train.RunId, "Train").Execute());
        var evaluate = fixture.Start("Evaluate");
        Assert.IsTrue(evaluate.Execute());

        Assert.AreNotEqual(train.RunId, evaluate.RunId);
        Assert.AreNotEqual("outer123", train.RunId);
        Assert.AreEqual("Evaluate", fixture.StoredRun(evaluate.RunId).JobType);
        Assert.AreEqual(evaluate.RunId, fixture.Environment.Values["WANDB_RUN_ID"]);
    }

    [TestMethod]
    public void Global_properties_named_in_WandbConfigProperties_become_typed_config_and_WandbConfig_items_win()
    {
        using var fixture = new TaskFixture();
        fixture.Engine.GlobalProperties["Trees"] = "200";
        fixture.Engine.GlobalProperties["LearningRate"] = "0.1";
        fixture.Engine.GlobalProperties["Booster"] = "gbtree";
        var start = fixture.Start("Train");
        start.ConfigProperties = new[] { "Trees", "LearningRate", "Booster" };
        start.Config = new[] { new TaskItem("Booster", new Dictionary<string, string> { ["Value"] = "dart" }), new TaskItem("Folds", new Dictionary<string, string> { ["Value"] = "5" }) };

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());

        var config = fixture.StoredRun(start.RunId).Config;
        Assert.AreEqual(200L, config["Trees"]);
        Assert.AreEqual(0.1, config["LearningRate"]);
        Assert.AreEqual("dart", config["Booster"]);
        Assert.AreEqual(5L, config["Folds"]);
        Assert.AreEqual("Release", config["Configuration"]);
        Assert.AreEqual("net10.0", config["TargetFramework"]);
    }

    [TestMethod]
    public void A_config_property_that_is_not_global_is_left_out_with_WANDB032_naming_it_and_the_fix()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        start.ConfigProperties = new[] { "Trees" };
        start.Config = new[] { new TaskItem("Folds") };

        Assert.IsTrue(start.Execute());

        var warnings = fixture.Engine.Warnings;
        var property = warnings.Single(w => w.Code == "WANDB032");
        StringAssert.Contains(property.Message, "'Trees'");
        StringAssert.Contains(property.Message, "<WandbConfig Include=\"Trees\" Value=\"$(Trees)\" />");
        StringAssert.Contains(warnings.Single(w => w.Code == "WANDB033").Message, "'Folds'");
        Assert.IsFalse(fixture.StoredRun(start.RunId).Config.ContainsKey("Trees"));
    }

    [TestMethod]
    public void A_store_that_cannot_be_written_is_a_warning_and_the_build_succeeds_unless_strict()
    {
        using var fixture = new TaskFixture();
        var blocker = Path.Combine(fixture.Root, "blocker");
        File.WriteAllText(blocker, "a file where the store's parent folder should be");
        var start = fixture.Start("Train");
        start.Dir = Path.Combine(blocker, "store");
        using var fallback = new FallbackCleanup(start.Dir);

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute(), "the After task logs what the run reported meanwhile");

        // The store's failure, then where the run went instead: the fallback folder (issue 19).
        CollectionAssert.AreEqual(new[] { "WANDB001", "WANDB009" }, fixture.Engine.Warnings.Select(w => w.Code).ToList());
        Assert.IsEmpty(fixture.Engine.Errors);

        var strict = fixture.Start("Evaluate");
        strict.Dir = start.Dir;
        strict.Strict = true;
        var strictFinish = fixture.Finish(string.Empty, "Evaluate");
        strictFinish.Strict = true;

        var started = strict.Execute();
        strictFinish.RunId = strict.RunId;
        var finished = strictFinish.Execute();

        // The run is created while the target runs, so its error is logged by the Before or the After task.
        Assert.IsFalse(started && finished, "WandbStrict=true makes a tracking problem fail the build");
        CollectionAssert.AreEqual(new[] { "WANDB001", "WANDB009" }, fixture.Engine.Errors.Select(e => e.Code).ToList());
    }

    [TestMethod]
    public void A_bad_WANDB_setting_leaves_the_target_untracked_with_WANDB030_naming_the_variable()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values["WANDB_MODE"] = "sometimes";
        var start = fixture.Start("Train");

        Assert.IsTrue(start.Execute());

        Assert.AreEqual(string.Empty, start.RunId);
        var warning = fixture.Engine.Warnings.Single();
        Assert.AreEqual("WANDB030", warning.Code);
        StringAssert.Contains(warning.Message, "WANDB_MODE");
        StringAssert.Contains(warning.Message, "'sometimes'");
        Assert.IsFalse(fixture.Environment.Values.ContainsKey("WANDB_RUN_ID"));
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute(), "the After task does nothing for a target without a run");
    }

    [TestMethod]
    public void Without_a_build_id_the_node_draws_one_group_for_its_targets_and_says_so_with_WANDB036()
    {
        using var fixture = new TaskFixture();
        var train = fixture.Start("Train", buildId: string.Empty);
        var evaluate = fixture.Start("Evaluate", buildId: string.Empty);

        Assert.IsTrue(train.Execute());
        Assert.IsTrue(evaluate.Execute());

        Assert.AreEqual(train.RunGroup, evaluate.RunGroup);
        StringAssert.StartsWith(train.RunGroup, "build-");
        Assert.AreEqual("WANDB036", fixture.Engine.Warnings.Single().Code);
    }
}
