using Wandb.Environment;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.MultiProcess;

[TestClass]
public sealed class ProcessExitTests
{
    [TestMethod]
    [DataRow("--exit 0", RunState.Finished, 0)]
    [DataRow("--exit 3", RunState.Failed, 3)]
    [DataRow("--throw", RunState.Failed, 1)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void A_process_that_ends_without_Finish_still_closes_its_run_with_the_right_state(string mode, RunState expected, int exitCode)
    {
        using var store = new TempStore();
        var process = WriterProcess.Start("100 " + mode, new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_ID"] = "exiting1" });
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();

        var run = store.Reader().GetRun("exiting1")!;
        Assert.AreEqual(expected, run.State);
        Assert.AreEqual(exitCode, run.ExitCode);
        Assert.AreEqual(100, store.Reader().ReadHistory("exiting1").Count(), "every logged row is written on the way out");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void A_process_that_ends_without_Finish_on_an_unwritable_store_leaves_its_rows_in_the_fallback_folder()
    {
        using var store = new TempStore();
        var blocker = Path.Combine(store.Root, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var unwritable = Path.Combine(blocker, "wandb");
        using var fallback = new FallbackCleanup(unwritable);

        var process = WriterProcess.Start("300 --exit 0", new Dictionary<string, string> { ["WANDB_DIR"] = unwritable, ["WANDB_RUN_ID"] = "exitfall" });
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        StringAssert.Contains(stdout.Result + stderr, "WANDB009", "the fallback folder is named on the way out");
        var kept = new FolderRunStore(fallback.Path, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance);
        Assert.AreEqual(RunState.Finished, kept.GetRun("exitfall")!.State);
        CollectionAssert.AreEqual(Enumerable.Range(0, 300).Select(i => (long)i).ToList(), kept.ReadHistory("exitfall").Select(r => r.Step).ToList());
    }
}
