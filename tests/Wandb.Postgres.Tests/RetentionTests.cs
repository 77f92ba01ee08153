using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Reports;
using Wandb.Runs;
using Wandb.Storage.Postgres;
using Wandb.Storage.Retention;

namespace Wandb.Postgres.Tests;

/// <summary>Retention on the shared store: what goes is deleted in one transaction, rows counted before and after.</summary>
[TestClass]
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("retention");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void A_dry_run_lists_the_old_groups_then_retention_deletes_their_rows_and_spares_focus_and_live_groups()
    {
        using var folder = new TempFolder("retention");
        var output = new RecordingOutput();
        var store = TestRuns.OpenPostgres(_connection, folder.Sub("spill"), output);
        var old = Record(store, folder, output, "nightly-old", daysAgo: 30, count: 3);
        var focus = Record(store, folder, output, "this-build", daysAgo: 30, count: 1);
        var recent = Record(store, folder, output, "nightly-new", daysAgo: 1, count: 2);
        using var live = Run.Init(new RunOptions { Group = "still-training" }, Context(folder, output, daysAgo: 30), store);
        live.Log("loss", 1.0);
        live.Log("loss", 0.9);
        Assert.IsTrue(SpinWait.SpinUntil(() => Count($"SELECT count(*) FROM wandb_history WHERE run_id = '{live.Id}'") == 2, TimeSpan.FromSeconds(30)), "the live run's rows reached the server");
        var historyBefore = Count("SELECT count(*) FROM wandb_history");

        var dryRun = ReportWriter.WriteAll(
            store,
            new ReportOptions { FocusGroups = { "this-build" }, Retention = new RetentionPolicy { KeepDays = 7, DryRun = true }, OutputDirectory = folder.Sub("report") },
            new FixedClock(Now),
            output);

        CollectionAssert.AreEquivalent(old, dryRun.Retention!.Runs.Select(r => r.Id).ToList());
        Assert.AreEqual(historyBefore, Count("SELECT count(*) FROM wandb_history"), "a dry run deletes nothing");
        StringAssert.StartsWith(dryRun.ConsoleLines[0], "Retention (dry run): would delete 3 run(s) of 1 group(s)");

        var result = RunRetention.Apply(store, new RetentionPolicy { KeepDays = 7 }, new[] { "this-build" }, new FixedClock(Now), output);

        CollectionAssert.AreEquivalent(old, result.Runs.Select(r => r.Id).ToList());
        var oldIds = string.Join(",", old.Select(id => $"'{id}'"));
        Assert.AreEqual(0, Count($"SELECT count(*) FROM wandb_runs WHERE id IN ({oldIds})"));
        Assert.AreEqual(0, Count($"SELECT count(*) FROM wandb_writers WHERE run_id IN ({oldIds})"));
        Assert.AreEqual(0, Count($"SELECT count(*) FROM wandb_history WHERE run_id IN ({oldIds})"));
        Assert.AreEqual(historyBefore - (old.Count * 5), Count("SELECT count(*) FROM wandb_history"), "exactly the deleted runs' rows went");
        CollectionAssert.AreEquivalent(focus.Concat(recent).Append(live.Id).ToList(), store.ListRuns().Select(r => r.Id).ToList());
        Assert.AreEqual(2, store.ReadHistory(live.Id).Count(), "the live run keeps its rows");
        Assert.IsFalse(output.Codes.Contains("WANDB131"));
        live.Finish();
    }

    [TestMethod]
    public void Retention_judged_in_sql_expires_what_the_folder_store_expires_from_the_same_runs()
    {
        using var folder = new TempFolder("retention-sql");
        var output = new RecordingOutput();
        var connection = PostgresServer.CreateSchema("retention_sql");
        try
        {
            var database = TestRuns.OpenPostgres(connection, folder.Sub("spill"), output);
            var folderStore = TestRuns.OpenFolder(folder.Sub("folder"), output);
            foreach (var store in new Wandb.Storage.RunStore[] { database, folderStore })
            {
                using var writer = store.CreateBatchWriter(RetentionHistory.Writer);
                RetentionHistory.Write(writer, Now);
            }

            // What retention judges groups by, computed in SQL: to the microsecond the columns keep, the branches exactly.
            var expected = folderStore.AggregateGroups().ToDictionary(a => (a.Project, a.Group));
            var activity = database.AggregateActivity(new Wandb.Storage.RunFilter());
            Assert.AreEqual(expected.Count, activity.Count);
            foreach (var group in activity)
            {
                var name = $"{group.Project}/{group.Group}";
                var reference = expected[(group.Project, group.Group)].Activity!;
                Assert.IsNotNull(group.Activity, name);
                Assert.IsTrue((reference.LastActiveAt - group.Activity.LastActiveAt).Duration() < TimeSpan.FromTicks(10), $"{name}: {reference.LastActiveAt:O} / {group.Activity.LastActiveAt:O}");
                CollectionAssert.AreEqual(reference.GitBranches.ToList(), group.Activity.GitBranches.ToList(), name);
            }

            foreach (var (name, policy, spared) in RetentionHistory.Policies)
            {
                var fromFolder = RunRetention.Apply(folderStore, policy, spared, new FixedClock(Now), output).Runs;
                var fromDatabase = RunRetention.Apply(database, policy, spared, new FixedClock(Now), output).Runs;
                Assert.IsTrue(fromFolder.Count > 0, $"{name}: something to expire");
                CollectionAssert.AreEqual(Describe(fromFolder), Describe(fromDatabase), name);
            }
        }
        finally
        {
            PostgresServer.DropSchema(connection);
        }
    }

    private static List<string> Describe(IEnumerable<ExpiredRun> runs) =>
        runs.Select(r => $"{r.Project}/{r.Group ?? "(none)"}/{r.Id}/{r.LastActiveAt:O}").ToList();

    private static long Count(string sql) => PostgresServer.Scalar(_connection, sql);

    private static RunContext Context(TempFolder folder, RecordingOutput output, int daysAgo) => RunContext.Default with
    {
        Environment = new Wandb.Environment.DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DISABLE_GIT"] = "true" }),
        Output = output,
        CurrentDirectory = folder.Path,
        Clock = new FixedClock(Now - TimeSpan.FromDays(daysAgo)),
    };

    /// <summary>Finished runs of 5 history rows each, last written <paramref name="daysAgo"/> days before <see cref="Now"/>.</summary>
    private static List<string> Record(PostgresRunStore store, TempFolder folder, RecordingOutput output, string group, int daysAgo, int count)
    {
        var context = Context(folder, output, daysAgo);
        return Enumerable.Range(0, count).Select(_ =>
        {
            using var run = Run.Init(new RunOptions { Group = group }, context, store);
            for (var step = 0; step < 5; step++)
            {
                run.Log("loss", 1.0 / (step + 1));
            }

            run.Finish();
            return run.Id;
        }).ToList();
    }
}
