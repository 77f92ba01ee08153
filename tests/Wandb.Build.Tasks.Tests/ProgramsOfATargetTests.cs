using Wandb.Build.Tasks.Tests.Fakes;
using Wandb.Runs;

namespace Wandb.Build.Tasks.Tests;

/// <summary>What the processes a tracked target starts get: the target's run, or runs of their own in its group.</summary>
[TestClass]
public sealed class ProgramsOfATargetTests
{
    [TestMethod]
    public void The_targets_run_is_in_the_store_when_the_Before_task_returns_so_a_program_of_the_target_always_joins_it()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        start.RunContext = RunContext.Default with { FileSystem = new SlowCreationFileSystem(TimeSpan.FromMilliseconds(300)) };

        Assert.IsTrue(start.Execute());

        Assert.IsNotNull(fixture.Store.GetRun(start.RunId), "created before the target's body can start a program, however slow the disk");
        using var program = Run.Init(new RunOptions(), fixture.Program(new RecordingOutput()));
        Assert.AreEqual(start.RunId, program.Id);
        Assert.IsTrue(program.IsAttached, "the program joins the run; it never creates it with its own metadata");
        Assert.AreEqual(start.RunId, fixture.Environment.Values[TargetRun.Variable], "the target names its run for its processes");
    }

    [TestMethod]
    public void Named_runs_of_a_targets_program_are_new_runs_in_its_group_and_only_the_first_plain_init_joins_the_targets_run()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        Assert.IsTrue(start.Execute());
        var output = new RecordingOutput();
        var program = fixture.Program(output);

        var trainers = new[] { "FastTree", "LightGbm", "Sdca", "FastForest" }.Select(trainer =>
        {
            using var run = Run.Init(new RunOptions { Name = trainer, JobType = "train", Config = { ["trainer"] = trainer } }, program);
            for (var step = 0; step < 10; step++)
            {
                run.Log("rmse", 1.0 / (step + 1));
            }

            return run.Id;
        }).ToList();
        string joined;
        using (var plain = Run.Init(new RunOptions(), program))
        {
            plain.Log("rows", 1000);
            joined = plain.Id;
        }

        using (var afterJoin = Run.Init(new RunOptions(), program))
        {
            Assert.AreNotEqual(start.RunId, afterJoin.Id, "the target's run was joined once; the next Run.Init is a run of its own");
            Assert.AreEqual("Train", afterJoin.JobType, "it keeps the target's job type unless it names one");
        }

        Assert.AreEqual(start.RunId, joined, "a plain Run.Init() joins the target's run, even after named ones");
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        CollectionAssert.AllItemsAreUnique(trainers);
        foreach (var id in trainers)
        {
            var stored = fixture.StoredRun(id);
            Assert.AreEqual("build-b1d2c3e4", stored.Group, "in the target's group");
            Assert.AreEqual("Churn", stored.Project);
            Assert.AreEqual("train", stored.JobType);
            Assert.AreEqual(RunState.Finished, stored.State);
            CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(s => (long)s).ToArray(), fixture.Store.ReadHistory(id).Select(r => r.Step).ToArray(), "each trainer's curve starts at 0");
        }

        Assert.AreEqual("FastTree", fixture.StoredRun(trainers[0]).Name);
        Assert.AreEqual("FastTree", fixture.StoredRun(trainers[0]).Config["trainer"]);
        var target = fixture.StoredRun(start.RunId);
        Assert.AreEqual(start.RunId, target.Name);
        CollectionAssert.AreEqual(new long[] { 0 }, fixture.Store.ReadHistory(start.RunId).Select(r => r.Step).ToArray(), "only the plain Run.Init's row is in the target's run");
        Assert.IsFalse(target.Config.ContainsKey("trainer"), "no trainer's config leaks into the target's run");
        var line = output.Infos.Single();
        StringAssert.Contains(line, "target Train's run " + start.RunId);
        StringAssert.Contains(line, "name 'FastTree', job_type 'train'");
        StringAssert.Contains(line, "new run in group build-b1d2c3e4");
        Assert.IsEmpty(output.Warnings, "a new run is what the program asked for, not a problem");
    }

    [TestMethod]
    public void A_run_id_the_user_sets_for_the_program_resumes_that_run_even_under_a_target()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        Assert.IsTrue(start.Execute());
        var output = new RecordingOutput();
        fixture.Environment.Values["WANDB_RUN_ID"] = "resume01";
        var program = fixture.Program(output);

        using (var resumed = Run.Init(new RunOptions { Name = "continued" }, program))
        {
            Assert.AreEqual("resume01", resumed.Id, "a WANDB_RUN_ID the target did not hand down is the user's");
        }

        fixture.Environment.Values["WANDB_RUN_ID"] = start.RunId;
        using (var explicitId = Run.Init(new RunOptions { Id = start.RunId, Name = "FastTree" }, fixture.Program(output)))
        {
            Assert.AreEqual(start.RunId, explicitId.Id, "an explicit id is a resume the user asked for");
            Assert.IsTrue(explicitId.IsAttached);
        }

        Assert.IsEmpty(output.Infos);
    }

    [TestMethod]
    public void The_targets_run_marker_is_restored_after_the_target_and_an_outer_targets_marker_never_merges_an_inner_run()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values[TargetRun.Variable] = "outer123";
        fixture.Environment.Values["WANDB_RUN_ID"] = "outer123";
        var start = fixture.Start("Evaluate");

        Assert.IsTrue(start.Execute());
        Assert.AreNotEqual("outer123", start.RunId);
        Assert.AreEqual(start.RunId, fixture.Environment.Values[TargetRun.Variable]);
        Assert.IsTrue(fixture.Finish(start.RunId, "Evaluate").Execute());

        Assert.AreEqual("outer123", fixture.Environment.Values[TargetRun.Variable], "the enclosing target's processes see their own run again");
    }

    [TestMethod]
    public void A_build_turned_off_by_a_property_turns_off_the_programs_it_starts()
    {
        var environment = new FakeTaskEnvironment();
        var task = new WandbDisableRuns { BuildEngine = new FakeBuildEngine(), Environment = environment };

        Assert.IsTrue(task.Execute());

        Assert.AreEqual("disabled", environment.Values["WANDB_MODE"]);
        var run = Run.Init(new RunOptions(), new RunContext { Environment = new Wandb.Environment.DictionaryEnvironmentVariables(environment.Snapshot()) });
        Assert.IsTrue(run.IsDisabled, "a program started after the task records nothing");
    }
}
