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
}
