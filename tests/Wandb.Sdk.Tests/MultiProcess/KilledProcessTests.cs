namespace Wandb.Sdk.Tests.MultiProcess;

[TestClass]
public sealed class KilledProcessTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void A_process_killed_with_SIGKILL_keeps_every_row_flushed_before_and_reads_as_crashed()
    {
        using var store = new TempStore();
        var process = WriterProcess.Start("0 --forever", new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_ID"] = "killed01" });

        long confirmed = 0;
        while (confirmed < 20_000)
        {
            var line = process.StandardOutput.ReadLine() ?? throw new AssertFailedException("writer ended early: " + process.StandardError.ReadToEnd());
            if (line.StartsWith("logged ", StringComparison.Ordinal))
            {
                confirmed = long.Parse(line.Substring(7), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // Rows logged before this point are older than several flush intervals (100 ms) when the kill lands.
        Thread.Sleep(500);
        process.Kill();
        process.WaitForExit();

        var reader = store.Reader();
        var steps = reader.ReadHistory("killed01").Select(r => r.Step).ToList();
        Assert.IsTrue(steps.Count >= confirmed, $"{steps.Count} rows on disk, {confirmed} confirmed before the kill");
        CollectionAssert.AreEqual(Enumerable.Range(0, steps.Count).Select(i => (long)i).ToList(), steps, "no row is lost or duplicated before the last flush");
        Assert.AreEqual(RunState.Crashed, reader.GetRun("killed01")!.State);
    }
}
