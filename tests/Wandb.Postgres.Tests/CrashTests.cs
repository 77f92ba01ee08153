using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Storage.Merging;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class CrashTests
{
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("crash");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void A_writer_process_killed_mid_run_reads_back_as_crashed_with_the_rows_it_sent()
    {
        using var spill = new TempFolder("crash");
        var process = WriterProcess.Start(PostgresServer.Tagged(_connection, out var writer), spill.Path, "killed-run", "cv-crash", int.MaxValue);
        using var killed = new KillOnDispose(process);
        var store = TestRuns.OpenPostgres(_connection, spill.Path, new RecordingOutput());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.GetRun("killed-run") is not { State: RunState.Running, HistoryRows: > 1_000 })
        {
            Assert.IsTrue(DateTime.UtcNow < deadline && !process.HasExited, "the writer logs rows");
            Thread.Sleep(100);
        }

        Assert.IsTrue(PostgresServer.Sessions(writer) > 0, "the writer's sessions carry its application name");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        PostgresServer.WaitForSessionsToEnd(writer);

        var run = store.GetRun("killed-run")!;
        Assert.AreEqual(RunState.Crashed, run.State);
        var stored = PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history WHERE run_id = 'killed-run'");
        Assert.IsTrue(stored >= run.HistoryRows, $"every row the last heartbeat counted ({run.HistoryRows}) is stored ({stored})");
        CollectionAssert.AreEqual(Enumerable.Range(0, (int)stored).Select(i => (long)i).ToList(), store.ReadHistory("killed-run").Select(r => r.Step).ToList(), "rows sent before the kill are whole and in order");
    }

    [TestMethod]
    public void Writers_killed_at_random_moments_lose_nothing_they_logged_before_the_last_flush_once_the_spill_folder_is_pushed()
    {
        var random = new Random();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var spill = new TempFolder("random-kill");
            var id = "random-kill-" + attempt;
            // Logging 20,000 rows a second as a training loop would; rows logged a second before the kill have
            // long been handed to the operating system. (A loop that logs faster than the disk writes has up to
            // 20,000 rows waiting, which a kill takes with it.)
            var process = WriterProcess.Start(PostgresServer.Tagged(_connection, out var writer), spill.Path, id, "cv-crash", int.MaxValue, rowsPerSecond: 20_000);
            using var killed = new KillOnDispose(process);
            var confirmed = WriterOutput.WaitForLogged(process, random.Next(10_000, 40_000));
            Thread.Sleep(random.Next(1_000, 1_500));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            PostgresServer.WaitForSessionsToEnd(writer);

            var output = new RecordingOutput();
            using (var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(_connection, spill.Path, output)))
            {
                StoreMerger.Merge(new[] { spill.Path }, destination, output);
            }

            var store = TestRuns.OpenPostgres(_connection, spill.Path, output);
            var rows = store.ReadHistory(id).ToList();
            var run = store.GetRun(id)!;
            Assert.IsTrue(rows.Count >= confirmed, $"{rows.Count} rows after pushing the spill folder, {confirmed} logged at least 1 s before the kill");
            CollectionAssert.AreEqual(Enumerable.Range(0, rows.Count).Select(i => (long)i).ToList(), rows.Select(r => r.Step).ToList(), "a gapless prefix, no row twice");
            Assert.AreEqual(RunState.Crashed, run.State);
            Assert.AreEqual(rows.Count, run.HistoryRows, "the run counts exactly the rows its history holds");
            Assert.AreEqual(rows[^1].Values["loss"], run.Summary["loss"], "the summary is the last surviving row");
        }
    }
}
