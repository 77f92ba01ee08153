using Wandb.Runs;

namespace Wandb.Sdk.Tests.Runs;

/// <summary>The attach rule for processes a tracked target starts (docs/msbuild.md): which Run.Init joins the target's run.</summary>
[TestClass]
public sealed class TargetRunAttachmentTests
{
    private const string TargetId = "target01";

    [TestMethod]
    public void The_first_plain_init_joins_the_targets_run_and_every_later_one_is_a_new_run_of_the_group()
    {
        using var store = new TempStore();
        using var target = StartTarget(store);
        var context = UnderTarget(store);

        var first = Run.Init(new RunOptions(), context);
        first.Log("loss", 0.5);
        var concurrent = Run.Init(new RunOptions(), context);
        first.Finish();
        var later = Run.Init(new RunOptions(), context);

        Assert.AreEqual(TargetId, first.Id);
        Assert.IsTrue(first.IsAttached);
        foreach (var other in new[] { concurrent, later })
        {
            Assert.AreNotEqual(TargetId, other.Id);
            Assert.IsFalse(other.IsAttached);
            Assert.AreEqual("build-abc", other.Group);
            Assert.AreEqual("Train", other.JobType);
            Assert.AreEqual(0, other.Step, "its history starts at step 0, not after the target's");
            other.Finish();
        }

        Assert.HasCount(1, store.Output.Infos, "said once per process");
        StringAssert.Contains(store.Output.Infos[0], $"already joined target Train's run {TargetId}");
    }

    [TestMethod]
    public void Options_naming_another_name_job_type_group_or_project_start_a_new_run()
    {
        using var store = new TempStore();
        using var target = StartTarget(store);
        var cases = new (RunOptions Options, string Field)[]
        {
            (new RunOptions { Name = "FastTree" }, "name 'FastTree'"),
            (new RunOptions { JobType = "train" }, "job_type 'train'"),
            (new RunOptions { Group = "sweep-2" }, "group 'sweep-2'"),
            (new RunOptions { Project = "other" }, "project 'other'"),
        };

        foreach (var (options, field) in cases)
        {
            var context = UnderTarget(store);
            using var run = Run.Init(options, context);

            Assert.AreNotEqual(TargetId, run.Id, field);
            StringAssert.Contains(store.Output.Infos[^1], field);
        }

        var groupRun = store.Runs().Single(r => r.Group == "sweep-2");
        Assert.AreEqual("Train", groupRun.JobType, "what the options do not name comes from the target's variables");
        Assert.AreEqual("build-abc", store.Runs().Single(r => r.Name == "FastTree").Group, "in the target's group");
    }

    [TestMethod]
    public void Options_that_repeat_the_target_runs_own_values_still_join_it()
    {
        using var store = new TempStore();
        using var target = StartTarget(store);

        using var run = Run.Init(new RunOptions { Name = TargetId, JobType = "Train", Group = "build-abc", Project = "Churn" }, UnderTarget(store));

        Assert.AreEqual(TargetId, run.Id);
        Assert.IsEmpty(store.Output.Infos);
    }

    [TestMethod]
    public void An_explicit_id_resume_mode_or_WANDB_RESUME_is_a_resume_the_user_asked_for_and_keeps_the_handed_down_id()
    {
        using var store = new TempStore();
        using var target = StartTarget(store);

        var context = UnderTarget(store);
        using (var joined = Run.Init(new RunOptions(), context))
        {
            Assert.AreEqual(TargetId, joined.Id);
        }

        using (var byId = Run.Init(new RunOptions { Id = TargetId, Name = "again" }, context))
        {
            Assert.AreEqual(TargetId, byId.Id);
        }

        using (var byMode = Run.Init(new RunOptions { Name = "again", Resume = ResumeMode.Must }, context))
        {
            Assert.AreEqual(TargetId, byMode.Id);
        }

        using (var byVariable = Run.Init(new RunOptions { Name = "again" }, UnderTarget(store, ("WANDB_RESUME", "must"))))
        {
            Assert.AreEqual(TargetId, byVariable.Id);
        }

        Assert.IsEmpty(store.Output.Infos);
    }

    [TestMethod]
    public void A_WANDB_RUN_ID_that_the_target_did_not_hand_down_is_the_users_resume()
    {
        using var store = new TempStore();
        using var target = StartTarget(store);
        store.Init(new RunOptions { Id = "mine0001", JobType = "resumed" }).Finish();

        using var run = Run.Init(new RunOptions { Name = "FastTree" }, UnderTarget(store, ("WANDB_RUN_ID", "mine0001")));

        Assert.AreEqual("mine0001", run.Id);
        Assert.IsTrue(run.IsAttached);
        Assert.IsEmpty(store.Output.Infos);
    }

    [TestMethod]
    public void WANDB_SILENT_keeps_the_new_run_line_quiet()
    {
        using var store = new TempStore();
        using var target = StartTarget(store);

        using var run = Run.Init(new RunOptions { Name = "FastTree" }, UnderTarget(store, ("WANDB_SILENT", "true")));

        Assert.AreNotEqual(TargetId, run.Id);
        Assert.IsEmpty(store.Output.Infos);
    }

    /// <summary>A process a tracked target started: the variables its task sets, and its own record of joining the target's run.</summary>
    private static RunContext UnderTarget(TempStore store, params (string Name, string? Value)[] overrides)
    {
        var variables = new Dictionary<string, string?>
        {
            ["WANDB_DIR"] = store.Root,
            ["WANDB_DISABLE_GIT"] = "true",
            ["WANDB_RUN_ID"] = TargetId,
            [TargetRun.Variable] = TargetId,
            ["WANDB_RESUME"] = "allow",
            ["WANDB_PROJECT"] = "Churn",
            ["WANDB_RUN_GROUP"] = "build-abc",
            ["WANDB_JOB_TYPE"] = "Train",
        };
        foreach (var (name, value) in overrides)
        {
            variables[name] = value;
        }

        return store.Context(variables) with { TargetRun = new TargetRunAttachment() };
    }

    /// <summary>The target's own run, which its task creates before the target's body starts a process.</summary>
    private static Run StartTarget(TempStore store) =>
        store.Init(new RunOptions { Id = TargetId, Project = "Churn", Group = "build-abc", JobType = "Train" });
}
