using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Reports.Html;
using Wandb.Storage.Merging;

namespace Wandb.Postgres.Tests;

/// <summary>
/// A PostgreSQL store's reports keep each finished run's bucketed history in a cache on this machine: the server is
/// asked once, for every charted run, how many rows each writer has, and only the histories that changed are read again.
/// </summary>
[TestClass]
public sealed class CurveCacheTests
{
    private const int Buckets = 100;
    private const int CachedBuckets = 1000;
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("curves");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void Finished_runs_are_read_from_the_server_once_and_again_only_when_their_rows_change()
    {
        using var temp = new TempFolder("curves");
        CiJobStores.RunFolds(temp.Sub("store"), "cv-curves", new[] { 0, 1, 2 }, rows: 300);
        var output = new RecordingOutput();
        using (var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(_connection, temp.Path, output)))
        {
            StoreMerger.Merge(new[] { temp.Sub("store") }, destination, output);
        }

        var store = TestRuns.OpenPostgres(_connection, temp.Path, output);
        var runs = store.ListRuns().OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var cache = store.CurveCache;

        var first = CurveReference.Describe(StepCurves.Build(store, runs, Buckets, CachedBuckets));
        CollectionAssert.AreEqual(CurveReference.Describe(CurveReference.FromHistories(store, runs, Buckets)), first);
        Assert.IsTrue(runs.All(r => File.Exists(cache.EntryPath(r.Id))), "an entry per finished run, on this machine");
        StringAssert.StartsWith(cache.Directory, Path.Combine(temp.Path, "index", "curves", "postgres-"));

        // Rows edited in place keep every writer's count and last position: a page that still shows the old values read
        // the entries, not the server. (No writer edits a row; merges and retried batches only add.)
        var edited = runs[1].Id;
        PostgresServer.Execute($"UPDATE wandb_history SET line = regexp_replace(line, '\"loss\":[^,}}]*', '\"loss\":7') WHERE run_id = '{edited}'", _connection);
        CollectionAssert.AreEqual(first, CurveReference.Describe(StepCurves.Build(store, runs, Buckets, CachedBuckets)));

        // One more row of that run (a merge or a late push): its history is read again, with the edited rows.
        var last = PostgresServer.Scalar(_connection, $"SELECT max(seq) FROM wandb_history WHERE run_id = '{edited}'");
        PostgresServer.Execute(
            $"INSERT INTO wandb_history (run_id, writer, seq, step, ts, line) SELECT run_id, writer, seq + 1, step + 1, ts, line FROM wandb_history WHERE run_id = '{edited}' AND seq = {last}",
            _connection);
        var again = CurveReference.Describe(StepCurves.Build(store, runs, Buckets, CachedBuckets));
        CollectionAssert.AreEqual(CurveReference.Describe(CurveReference.FromHistories(store, runs, Buckets)), again);
        CollectionAssert.AreNotEqual(first, again);
        Assert.AreEqual(7, StepCurves.Build(store, runs, Buckets, CachedBuckets)["loss"].ForRun(edited)!.Last.Last(v => !double.IsNaN(v)));

        // Retention deletes a run's entry with its rows.
        CollectionAssert.AreEqual(new[] { edited }, store.DeleteRuns(new[] { edited }, output).ToList());
        Assert.IsFalse(File.Exists(cache.EntryPath(edited)));
        Assert.AreEqual(0, output.Lines.Count, string.Join("\n", output.Lines));
    }
}
