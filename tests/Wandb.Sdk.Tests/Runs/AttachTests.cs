namespace Wandb.Sdk.Tests.Runs;

[TestClass]
public sealed class AttachTests
{
    [TestMethod]
    public void A_second_init_with_the_same_id_attaches_and_continues_the_steps()
    {
        using var store = new TempStore();
        var first = store.Init(new RunOptions { Id = "shared01", Group = "g", JobType = "Train", Config = { ["trees"] = 100 } });
        first.Log("loss", 1.0);
        first.Log("loss", 0.9);
        first.Finish();

        var second = store.Init(new RunOptions { Id = "shared01", Config = { ["epochs"] = 5 } });
        Assert.IsTrue(second.IsAttached);
        Assert.AreEqual("g", second.Group, "an attached run keeps the stored identity");
        Assert.AreEqual("Train", second.JobType);
        Assert.AreEqual(2, second.Step);
        second.Log("loss", 0.8);
        second.Finish();

        var reader = store.Reader();
        Assert.AreEqual(1, reader.ListRuns().Count());
        CollectionAssert.AreEqual(new long[] { 0, 1, 2 }, reader.ReadHistory("shared01").Select(r => r.Step).ToArray());
        var stored = reader.GetRun("shared01")!;
        Assert.AreEqual(100L, stored.Config["trees"]);
        Assert.AreEqual(5L, stored.Config["epochs"]);
        Assert.AreEqual(0.8, stored.Summary["loss"]);
    }

    [TestMethod]
    public void Two_writers_open_on_one_run_at_the_same_time_both_land()
    {
        using var store = new TempStore();
        var owner = store.Init(new RunOptions { Id = "target01", JobType = "Train" });
        var child = store.Init(new RunOptions { Id = "target01" });

        child.Log("accuracy", 0.9);
        owner.Config["Configuration"] = "Release";
        child.Finish();
        Assert.AreEqual(RunState.Running, store.Reader().GetRun("target01")!.State, "the owner is still open");
        owner.Finish();

        var stored = store.Reader().GetRun("target01")!;
        Assert.AreEqual(RunState.Finished, stored.State);
        Assert.AreEqual(0.9, stored.Summary["accuracy"]);
        Assert.AreEqual("Release", stored.Config["Configuration"]);
    }

    [TestMethod]
    public void A_failed_attached_writer_makes_the_run_failed()
    {
        using var store = new TempStore();
        var owner = store.Init(new RunOptions { Id = "target02" });
        store.Init(new RunOptions { Id = "target02" }).Finish(exitCode: 3);
        owner.Finish();

        var stored = store.Reader().GetRun("target02")!;
        Assert.AreEqual(RunState.Failed, stored.State);
        Assert.AreEqual(3, stored.ExitCode);
    }

    [TestMethod]
    public void Resume_must_fails_clearly_when_the_run_does_not_exist()
    {
        using var store = new TempStore();

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => store.Init(new RunOptions { Id = "missing1", Resume = ResumeMode.Must }));

        StringAssert.Contains(error.Message, "missing1");
        StringAssert.Contains(error.Message, "must");
    }

    [TestMethod]
    public void Resume_never_fails_clearly_when_the_run_exists()
    {
        using var store = new TempStore();
        store.Init(new RunOptions { Id = "exists01" }).Finish();

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => store.Init(new RunOptions { Id = "exists01", Resume = ResumeMode.Never }));

        StringAssert.Contains(error.Message, "never");
    }

    [TestMethod]
    public void WANDB_RUN_ID_from_the_environment_attaches_to_the_existing_run()
    {
        using var store = new TempStore();
        store.Init(new RunOptions { Id = "fromenv1", JobType = "Evaluate" }).Finish();
        var context = store.Context(new Dictionary<string, string?> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_ID"] = "fromenv1", ["WANDB_RESUME"] = "allow", ["WANDB_DISABLE_GIT"] = "true" });

        using var run = Run.Init(new RunOptions(), context);

        Assert.IsTrue(run.IsAttached);
        Assert.AreEqual("Evaluate", run.JobType);
    }
}
