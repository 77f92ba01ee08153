using Wandb.Diagnostics;
using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Merging;
using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests;

/// <summary>The test logger's bulk path into PostgreSQL: one transaction per flush, and a spill when the server is away.</summary>
[TestClass]
public sealed class BatchWriterTests
{
    private const string Writer = "bulkw001";
    private static readonly DateTimeOffset Start = BatchRecords.Start;
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("batch");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void Runs_recorded_in_bulk_read_back_exactly_as_from_a_folder_batch_file()
    {
        using var folder = new TempFolder("bulk");
        var output = new RecordingOutput();
        using (var own = TestRuns.Init(new RunOptions { Id = "bulk-linked", Name = "the test's own name", Group = "bulk" }, _connection, folder.Sub("spill"), output))
        {
            own.Log("loss", 0.5);
        }

        var postgres = TestRuns.OpenPostgres(_connection, folder.Sub("spill"), output);
        var local = TestRuns.OpenFolder(folder.Sub("local"), output);
        using (var own = TestRuns.Init(new RunOptions { Id = "bulk-linked", Name = "the test's own name", Group = "bulk" }, null, folder.Sub("local"), output))
        {
            own.Log("loss", 0.5);
        }

        var records = Enumerable.Range(0, 300).Select(i => Record("bulk-" + i.ToString("000"), i)).Append(Record("bulk-linked", 300, at: DateTimeOffset.UtcNow.AddHours(1))).ToList();
        foreach (var store in new RunStore[] { postgres, local })
        {
            using var writer = store.CreateBatchWriter(Writer);
            foreach (var record in records)
            {
                writer.Append(record);
            }

            writer.Flush();
            writer.Append(Record("bulk-007", 7, state: "failed", at: Start.AddMinutes(1)));
        }

        var fromPostgres = postgres.ListRuns(new RunFilter { Group = "bulk" }).Select(Describe).ToList();
        Assert.HasCount(301, fromPostgres);
        var fromFolder = local.ListRuns().Select(Describe).ToList();
        Assert.AreEqual(string.Join("\n", fromFolder), string.Join("\n", fromPostgres));
        Assert.AreEqual(Start, postgres.GetRun("bulk-000")!.CreatedAt);
        Assert.AreEqual("the test's own name", postgres.GetRun("bulk-linked")!.Name, "a run the test created keeps its metadata");
        Assert.AreEqual(1, postgres.GetRun("bulk-linked")!.HistoryRows);
        Assert.AreEqual(RunState.Failed, postgres.GetRun("bulk-007")!.State, "a later record of a run replaces the earlier one");
        Assert.AreEqual(1L, PostgresServer.Scalar(_connection, $"SELECT count(*) FROM wandb_writers WHERE run_id = 'bulk-007' AND writer = '{Writer}'"));
        Assert.IsEmpty(output.Lines);
    }

    [TestMethod]
    public void An_unreachable_server_keeps_the_runs_pending_without_hammering_it_then_spills_them_so_a_merge_can_push_them()
    {
        using var folder = new TempFolder("bulk-down");
        using var relay = new TcpRelay(_connection);
        relay.Cut();
        var output = new RecordingOutput();
        var store = TestRuns.OpenPostgres(relay.ConnectionString, folder.Path, output, new PostgresStoreOptions { SpillAfter = TimeSpan.FromMinutes(5) });

        using (var writer = store.CreateBatchWriter(Writer))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.Append(Record("down-" + i.ToString("00"), i));
            }

            var error = Assert.ThrowsExactly<IOException>(writer.Flush);
            StringAssert.StartsWith(error.Message, "PostgreSQL store postgresql://");
            Assert.AreEqual(50, writer.Pending, "nothing is dropped while the server is away");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            writer.Flush();
            Assert.IsLessThan(500, watch.ElapsedMilliseconds, "a flush right after a failure does not try the server again");
            Assert.IsEmpty(output.WarningsWith(WarningCodes.PostgresSpilled).ToList(), "no spill before SpillAfter");
        }

        Assert.HasCount(1, output.WarningsWith(WarningCodes.PostgresSpilled).ToList(), "disposing with the server away spills, once");
        StringAssert.Contains(output.WarningsWith(WarningCodes.PostgresSpilled).Single(), "WandbMerge");
        Assert.HasCount(50, TestRuns.OpenFolder(folder.Path, output).ListRuns().ToList(), "the spill folder holds every run");

        using (var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(_connection, folder.Path, new RecordingOutput())))
        {
            var pushed = StoreMerger.Merge(new[] { folder.Path }, destination, new RecordingOutput());
            Assert.AreEqual(50, pushed.RunsAdded);
        }

        Assert.AreEqual(50L, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_runs WHERE id LIKE 'down-%'"));
    }

    private static RunBatchRecord Record(string id, int fold, string state = "finished", DateTimeOffset? at = null) =>
        BatchRecords.Fold(id, fold, Writer, state, at, group: "bulk", summary: new Dictionary<string, object?> { ["outcome"] = state == "finished" ? "passed" : "failed", ["auc"] = double.NaN });

    // The test's own runs were created at two moments, one per store; everything else must be equal.
    private static string Describe(StoredRun run) => RunDescription.Of(run, withCreatedAt: false);
}
