using Wandb.Diagnostics;
using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Runs;
using Wandb.Storage.Merging;
using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class OutageTests
{
    private static readonly RecorderLimits FastRetry = RecorderLimits.Default with { RetryInterval = TimeSpan.FromMilliseconds(300), FinishTimeout = TimeSpan.FromSeconds(60) };
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("outage");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void A_server_restart_during_logging_loses_and_duplicates_no_row()
    {
        using var folder = new TempFolder("restart");
        var output = new RecordingOutput();
        var run = TestRuns.Init(new RunOptions { Id = "restarted", Group = "outage" }, _connection, folder.Path, output, FastRetry);
        var logged = 0;
        using var stop = new CancellationTokenSource();
        var logger = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                run.Log("loss", 1.0 / (logged + 1));
                logged++;
                if (logged % 200 == 0)
                {
                    Thread.Sleep(2);
                }
            }
        });

        Eventually.Until(() => PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history") >= 2_000, "rows reach the server before the restart", seconds: 60);
        var reader = TestRuns.OpenPostgres(_connection + ";Application Name=report-reader", folder.Path, output);
        Assert.AreEqual(RunState.Running, reader.GetRun("restarted")!.State, "a reader with an idle pooled connection");
        PostgresServer.Restart();
        Assert.AreEqual(RunState.Running, reader.GetRun("restarted")!.State, "the reader's first read after the restart does not fail on its dead pooled connection");
        Eventually.Until(() => output.WarningsWith(WarningCodes.StoreRecovered).Any(), "the writer reconnects after the restart", seconds: 60);
        var afterRestart = logged;
        Eventually.Until(() => logged > afterRestart + 2_000, "logging goes on after the restart", seconds: 60);
        stop.Cancel();
        logger.Wait();
        run.Finish();

        Assert.IsTrue(output.WarningsWith(WarningCodes.StoreNotWritable).Any(), "the restart was noticed:\n" + string.Join("\n", output.Lines));
        var store = TestRuns.OpenPostgres(_connection, folder.Path, output);
        CollectionAssert.AreEqual(Enumerable.Range(0, logged).Select(i => (long)i).ToList(), store.ReadHistory("restarted").Select(r => r.Step).ToList());
        Assert.AreEqual(logged, store.GetRun("restarted")!.HistoryRows);
        Assert.AreEqual(RunState.Finished, store.GetRun("restarted")!.State);
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Path, "runs")), "a restart is ridden out in memory, not spilled");
    }

    [TestMethod]
    public void A_network_cut_that_outlasts_the_run_spills_to_the_folder_store_and_a_push_completes_the_run_exactly()
    {
        using var folder = new TempFolder("spill");
        using var relay = new TcpRelay(_connection);
        var output = new RecordingOutput();
        var run = TestRuns.Init(new RunOptions { Id = "spilled", Group = "outage" }, relay.ConnectionString, folder.Path, output, FastRetry);
        for (var i = 0; i < 3_000; i++)
        {
            run.Log("loss", i);
        }

        // The server holding the rows is not enough: the cut could land before the writer hears that they
        // were committed, and it would then keep them to push again. Its state is written only after that.
        var reader = TestRuns.OpenPostgres(_connection, folder.Path, output);
        Eventually.Until(() => reader.GetRun("spilled") is { HistoryRows: 3_000 }, "the writer knows the first rows reached the server", seconds: 60);
        Assert.AreEqual(3_000, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history WHERE run_id = 'spilled'"));
        relay.Cut();
        for (var i = 3_000; i < 5_000; i++)
        {
            run.Log("loss", i);
        }

        run.Finish();

        var spill = output.WarningsWith(WarningCodes.PostgresSpilled).Single();
        StringAssert.Contains(spill, "dotnet build -t:WandbMerge -p:WandbMergeFrom=\"" + folder.Path + "\"");
        Assert.IsFalse(string.Join("\n", output.Lines).Contains("wandb-test-secret"), "no password in any warning");
        Assert.AreEqual(2_000, TestRuns.OpenFolder(folder.Path, output).ReadHistory("spilled").Count(), "the rows after the cut are in the folder store");

        var pushed = PushInto(folder.Path, _connection);
        var again = PushInto(folder.Path, _connection);

        var store = TestRuns.OpenPostgres(_connection, folder.Path, output);
        CollectionAssert.AreEqual(Enumerable.Range(0, 5_000).Select(i => (long)i).ToList(), store.ReadHistory("spilled").Select(r => r.Step).ToList());
        Assert.AreEqual(RunState.Finished, store.GetRun("spilled")!.State);
        Assert.AreEqual(5_000, store.GetRun("spilled")!.HistoryRows);
        Assert.AreEqual(2_000, pushed.RowsAdded);
        Assert.AreEqual((0L, 1), (again.RowsAdded, again.RunsUnchanged), "pushing twice adds nothing");
    }

    [TestMethod]
    public void A_server_unreachable_from_the_start_still_records_the_run_in_the_folder_store()
    {
        using var folder = new TempFolder("down");
        using var relay = new TcpRelay(_connection);
        relay.Cut();
        var output = new RecordingOutput();
        var options = new PostgresStoreOptions { SpillAfter = TimeSpan.Zero };

        using (var run = TestRuns.Init(new RunOptions { Id = "never-connected", Group = "outage" }, relay.ConnectionString, folder.Path, output, FastRetry, options))
        {
            for (var i = 0; i < 1_000; i++)
            {
                run.Log("loss", i);
            }
        }

        Assert.AreEqual(1, output.WarningsWith(WarningCodes.PostgresUnreachableAtStart).Count(), string.Join("\n", output.Lines));
        var local = TestRuns.OpenFolder(folder.Path, output);
        Assert.AreEqual(RunState.Finished, local.GetRun("never-connected")!.State);
        Assert.AreEqual(1_000, local.ReadHistory("never-connected").Count());

        PushInto(folder.Path, _connection);
        Assert.AreEqual(1_000, TestRuns.OpenPostgres(_connection, folder.Path, output).ReadHistory("never-connected").Count());
    }

    [TestMethod]
    [DataRow("stop", DisplayName = "server stopped for 3 s")]
    [DataRow("restart", DisplayName = "server restarted (pg_ctl restart -m fast)")]
    [DataRow("kill", DisplayName = "server killed (pg_ctl stop -m immediate) for 3 s")]
    public void Writers_logging_at_full_rate_through_a_server_outage_lose_no_row_and_never_wait_on_the_network(string fault)
    {
        using var folder = new TempFolder("full-rate-" + fault);
        var output = new RecordingOutput();
        // A quarter of a second of rows in memory at this rate: the outage outlasts it many times, so the rows
        // must ride it out on the local disk.
        var limits = RecorderLimits.Default with { MaxBufferedRows = 5_000 };
        var ids = new[] { fault + "-a", fault + "-b" };
        var runs = ids.Select(id => TestRuns.Init(new RunOptions { Id = id, Group = "full-rate" }, _connection, folder.Path, output, limits)).ToList();
        var loggers = runs.Select(run => new PacedLogger(run, 20_000, TimeSpan.FromMinutes(2))).ToList();
        Thread.Sleep(1_500);
        if (fault == "restart")
        {
            PostgresServer.Restart();
        }
        else
        {
            using (PostgresServer.Stop(fault == "kill" ? "immediate" : "fast"))
            {
                Thread.Sleep(3_000);
            }
        }

        Thread.Sleep(2_000);
        loggers.ForEach(logger => logger.Stop());
        runs.ForEach(run => run.Finish());

        var store = TestRuns.OpenPostgres(_connection, folder.Path, output);
        for (var i = 0; i < ids.Length; i++)
        {
            var logged = loggers[i].Logged;
            Assert.AreEqual(logged, PostgresServer.Scalar(_connection, $"SELECT count(*) FROM wandb_history WHERE run_id = '{ids[i]}'"), $"{ids[i]}: every logged row is in the database\n" + string.Join("\n", output.Lines));
            Assert.AreEqual(logged, PostgresServer.Scalar(_connection, $"SELECT count(DISTINCT step) FROM wandb_history WHERE run_id = '{ids[i]}'"), "no row twice");
            Assert.AreEqual(logged - 1, PostgresServer.Scalar(_connection, $"SELECT max(step) FROM wandb_history WHERE run_id = '{ids[i]}'"));
            var run = store.GetRun(ids[i])!;
            Assert.AreEqual(RunState.Finished, run.State);
            Assert.AreEqual(logged, run.HistoryRows);
            Assert.IsTrue(loggers[i].LongestLog < TimeSpan.FromSeconds(1), $"Log never waits on the network; the longest call took {loggers[i].LongestLog.TotalMilliseconds:0} ms");
        }

        Assert.IsTrue(output.WarningsWith(WarningCodes.StoreNotWritable).Any(), "the outage was noticed:\n" + string.Join("\n", output.Lines));
        Assert.IsTrue(output.WarningsWith(WarningCodes.StoreRecovered).Any(), "the rows kept during the outage were sent when it ended");
        Assert.IsFalse(output.Codes.Contains(WarningCodes.PostgresSpilled), "the server had every row before the runs ended:\n" + string.Join("\n", output.Lines));
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Path, "runs")), "nothing is left in the spill folder once the server has every row");
    }

    [TestMethod]
    [DataRow("Username=no_such_role", "no_such_role")]
    [DataRow("Database=no_such_database", "no_such_database")]
    [DataRow("Search Path=no_such_schema", "no schema")]
    public void A_server_that_refuses_the_writer_never_reports_rows_as_written_and_keeps_them_in_the_spill_folder(string setting, string cause)
    {
        using var folder = new TempFolder("refused");
        var output = new RecordingOutput();
        var refused = _connection + ";" + setting;
        using (var run = TestRuns.Init(new RunOptions { Id = "refused", Group = "outage" }, refused, folder.Path, output, FastRetry))
        {
            for (var i = 0; i < 1_000; i++)
            {
                run.Log("loss", i);
            }
        }

        var lines = string.Join("\n", output.Lines);
        Assert.IsFalse(output.Codes.Contains(WarningCodes.StoreRecovered), "no row reached the database, so no warning says one was written:\n" + lines);
        StringAssert.Contains(lines, cause, "the warnings say why the server refused");
        var spill = output.WarningsWith(WarningCodes.PostgresSpilled).Single();
        StringAssert.Contains(spill, "1,000 row(s)");
        StringAssert.Contains(spill, "dotnet build -t:WandbMerge -p:WandbMergeFrom=\"" + folder.Path + "\"");
        var local = TestRuns.OpenFolder(folder.Path, output);
        Assert.AreEqual(RunState.Finished, local.GetRun("refused")!.State);
        CollectionAssert.AreEqual(Enumerable.Range(0, 1_000).Select(i => (long)i).ToList(), local.ReadHistory("refused").Select(r => r.Step).ToList());
    }

    private static MergeResult PushInto(string folder, string connectionString)
    {
        using var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(connectionString, folder, new RecordingOutput()));
        return StoreMerger.Merge(new[] { folder }, destination, new RecordingOutput());
    }
}
