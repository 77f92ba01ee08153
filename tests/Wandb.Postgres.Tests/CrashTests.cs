using Wandb.Postgres.Tests.Infrastructure;

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
        using var process = WriterProcess.Start(_connection, spill.Path, "killed-run", "cv-crash", int.MaxValue);
        var store = TestRuns.OpenPostgres(_connection, spill.Path, new RecordingOutput());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.GetRun("killed-run") is not { State: RunState.Running, HistoryRows: > 1_000 })
        {
            Assert.IsTrue(DateTime.UtcNow < deadline && !process.HasExited, "the writer logs rows");
            Thread.Sleep(100);
        }

        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        var run = store.GetRun("killed-run")!;
        Assert.AreEqual(RunState.Crashed, run.State);
        var stored = PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history WHERE run_id = 'killed-run'");
        Assert.IsTrue(stored >= run.HistoryRows, $"every row the last heartbeat counted ({run.HistoryRows}) is stored ({stored})");
        CollectionAssert.AreEqual(Enumerable.Range(0, (int)stored).Select(i => (long)i).ToList(), store.ReadHistory("killed-run").Select(r => r.Step).ToList(), "rows sent before the kill are whole and in order");
    }
}
