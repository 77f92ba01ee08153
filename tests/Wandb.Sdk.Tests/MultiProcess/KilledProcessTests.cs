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
        using var killed = new KillOnDispose(process);

        var confirmed = WriterOutput.WaitForLogged(process, 20_000);

        // Rows logged before this point are older than several flush intervals (50 ms) when the kill lands.
        Thread.Sleep(500);
        process.Kill();
        process.WaitForExit();

        var reader = store.Reader();
        var steps = reader.ReadHistory("killed01").Select(r => r.Step).ToList();
        Assert.IsTrue(steps.Count >= confirmed, $"{steps.Count} rows on disk, {confirmed} confirmed before the kill");
        CollectionAssert.AreEqual(Enumerable.Range(0, steps.Count).Select(i => (long)i).ToList(), steps, "no row is lost or duplicated before the last flush");
        Assert.AreEqual(RunState.Crashed, reader.GetRun("killed01")!.State);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Processes_killed_at_random_moments_keep_a_gapless_prefix_of_their_rows_and_a_summary_that_agrees_with_it()
    {
        using var store = new TempStore();
        var random = new Random();
        var ids = Enumerable.Range(0, 3).Select(i => "randkil" + i).ToList();
        var confirmed = new long[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            // One writer at a time, logging 20,000 rows a second as a training loop would, each killed at its own
            // moment: after 5,000 to 40,000 rows and a pause of 1 to 1.5 s. A loop that logs faster than the disk
            // writes has up to 20,000 rows waiting (back-pressure), which a kill takes with it; that is not this test.
            var process = WriterProcess.Start("0 --forever --rate 20000", new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_ID"] = ids[i] });
            using var killed = new KillOnDispose(process);
            confirmed[i] = WriterOutput.WaitForLogged(process, random.Next(5_000, 40_000));
            Thread.Sleep(random.Next(1_000, 1_500));
            process.Kill();
            process.WaitForExit();
        }

        var reader = store.Reader();
        for (var i = 0; i < ids.Count; i++)
        {
            var rows = reader.ReadHistory(ids[i]).ToList();
            var run = reader.GetRun(ids[i])!;
            Assert.AreEqual(RunState.Crashed, run.State);
            Assert.IsTrue(rows.Count >= confirmed[i], $"{rows.Count} rows on disk, {confirmed[i]} logged at least 1 s before the kill");
            CollectionAssert.AreEqual(Enumerable.Range(0, rows.Count).Select(s => (long)s).ToList(), rows.Select(r => r.Step).ToList(), "no row is lost or duplicated before the last one on disk");
            Assert.AreEqual(rows.Count, run.HistoryRows, "the run counts exactly the rows its history holds");
            Assert.AreEqual(rows[^1].Values["m0"], run.Summary["m0"], "the summary is the last surviving row, neither ahead of nor behind the history");
        }
    }
}
