using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Storage;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class ManyWritersTests
{
    private const int Writers = 8;
    private const int RowsPerWriter = 50_000;
    private static string _connection = string.Empty;
    private static TempFolder? _spill;

    [ClassInitialize]
    public static void CreateSchema(TestContext context)
    {
        _connection = PostgresServer.CreateSchema("many");
        _spill = new TempFolder("many");
    }

    [ClassCleanup]
    public static void DropSchema()
    {
        PostgresServer.DropSchema(_connection);
        _spill?.Dispose();
    }

    [TestMethod]
    public void Eight_writer_processes_logging_fifty_thousand_rows_each_into_one_group_lose_and_duplicate_no_row()
    {
        var writers = Enumerable.Range(1, Writers).Select(i => ($"fold-{i}", "cv-many", RowsPerWriter)).ToList();

        WriterProcess.RunAll(_connection, _spill!.Path, writers, TimeSpan.FromMinutes(4));

        var output = new RecordingOutput();
        var store = TestRuns.OpenPostgres(_connection, _spill.Path, output);
        var runs = store.ListRuns(new RunFilter { Group = "cv-many" }).ToList();
        CollectionAssert.AreEquivalent(writers.Select(w => w.Item1).ToList(), runs.Select(r => r.Id).ToList());
        foreach (var run in runs)
        {
            Assert.AreEqual(RunState.Finished, run.State, run.Id);
            Assert.AreEqual(RowsPerWriter, run.HistoryRows, run.Id);
            var steps = store.ReadHistory(run.Id).Select(r => r.Step).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(0, RowsPerWriter).Select(i => (long)i).ToList(), steps, $"{run.Id}: every step once, in order");
            Assert.AreEqual(run.Id, run.Config["fold"]);
        }

        Assert.AreEqual(Writers * RowsPerWriter, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history"));
        Assert.AreEqual(Writers * RowsPerWriter, PostgresServer.Scalar(_connection, "SELECT count(DISTINCT (run_id, step)) FROM wandb_history"));
        Assert.IsFalse(Directory.Exists(Path.Combine(_spill.Path, "runs")), "nothing spilled while the server was up");
        Assert.AreEqual(0, output.Lines.Count, string.Join("\n", output.Lines));
    }

    [TestMethod]
    public void Processes_attached_to_one_run_append_all_their_rows_to_it()
    {
        var writers = Enumerable.Range(1, 4).Select(_ => ("shared-run", "cv-attached", 5_000)).ToList();

        WriterProcess.RunAll(_connection, _spill!.Path, writers, TimeSpan.FromMinutes(2));

        var store = TestRuns.OpenPostgres(_connection, _spill.Path, new RecordingOutput());
        var run = store.GetRun("shared-run");
        Assert.IsNotNull(run);
        Assert.AreEqual(RunState.Finished, run.State);
        Assert.AreEqual(20_000, run.HistoryRows);
        Assert.AreEqual(20_000, store.ReadHistory("shared-run").Count());
        Assert.AreEqual(4, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_writers WHERE run_id = 'shared-run'"));
        var steps = store.ReadHistory("shared-run").Select(r => r.Step).ToList();
        CollectionAssert.AreEqual(steps.OrderBy(s => s).ToList(), steps, "history reads back ordered by step");
    }
}
