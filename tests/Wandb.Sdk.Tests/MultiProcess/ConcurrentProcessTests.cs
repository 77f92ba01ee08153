using Wandb.Storage;

namespace Wandb.Sdk.Tests.MultiProcess;

[TestClass]
public sealed class ConcurrentProcessTests
{
    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void Several_processes_writing_runs_of_one_group_at_once_lose_and_duplicate_no_row()
    {
        using var store = new TempStore();
        var env = new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_GROUP"] = "parallel", ["WANDB_JOB_TYPE"] = "fold" };

        var processes = Enumerable.Range(0, 4).Select(_ => WriterProcess.Start("20000 --metrics 4", env)).ToList();
        processes.ForEach(WriterProcess.WaitForSuccess);

        var reader = store.Reader();
        var runs = reader.ListRuns(new RunFilter { Group = "parallel" }).ToList();
        Assert.AreEqual(4, runs.Count);
        foreach (var run in runs)
        {
            Assert.AreEqual(RunState.Finished, run.State);
            var steps = reader.ReadHistory(run.Id).Select(r => r.Step).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(0, 20000).Select(i => (long)i).ToList(), steps);
        }
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void Several_processes_attached_to_one_run_all_land_without_corrupting_it()
    {
        using var store = new TempStore();
        using (var owner = store.Init(new RunOptions { Id = "attached", JobType = "Train" }))
        {
            var env = new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_ID"] = "attached", ["WANDB_RESUME"] = "must" };
            var processes = Enumerable.Range(0, 3).Select(_ => WriterProcess.Start("5000", env)).ToList();
            processes.ForEach(WriterProcess.WaitForSuccess);
        }

        var reader = store.Reader();
        var rows = reader.ReadHistory("attached").ToList();
        Assert.AreEqual(15000, rows.Count, "every row of every attached process is kept");
        Assert.IsTrue(rows.Zip(rows.Skip(1)).All(p => p.First.Step <= p.Second.Step), "history is merged in step order");
        Assert.AreEqual(3, rows.Count(r => r.Values["m0"] == 0), "each process logged its own first row");
        Assert.AreEqual(3, Directory.GetFiles(Path.Combine(store.Root, "runs", "attached"), "*.history.jsonl").Length, "one history file per writing process");
        Assert.AreEqual(RunState.Finished, reader.GetRun("attached")!.State);
        Assert.AreEqual(1, reader.ListRuns().Count());
    }
}
