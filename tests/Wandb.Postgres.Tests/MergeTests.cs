using Wandb.Diagnostics;
using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Storage;
using Wandb.Storage.Merging;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class MergeTests
{
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("merge");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void Merging_the_stores_of_two_CI_jobs_into_a_folder_twice_gives_every_fold_once()
    {
        using var temp = new TempFolder("merge-folder");
        CiJobStores.RunFolds(temp.Sub("artifacts/job-1/wandb"), "cv-ci", new[] { 0, 1 });
        CiJobStores.RunFolds(temp.Sub("artifacts/job-2/wandb"), "cv-ci", new[] { 2, 3 });
        var output = new RecordingOutput();
        var sources = StoreMerger.ResolveSources(new[] { "artifacts" }, temp.Path, output);
        var destination = new FolderMergeDestination(temp.Sub("merged"), PhysicalStoreFileSystem.Instance, output);

        var first = StoreMerger.Merge(sources, destination, output);
        var historyBytes = Directory.GetFiles(temp.Sub("merged"), "*.history.jsonl", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var second = StoreMerger.Merge(sources, destination, output);

        Assert.AreEqual(2, sources.Count, "both job folders were found under artifacts/");
        Assert.AreEqual((4, 800L), (first.RunsAdded, first.RowsAdded));
        Assert.AreEqual((0, 0, 4, 0L), (second.RunsAdded, second.RunsUpdated, second.RunsUnchanged, second.RowsAdded));
        Assert.AreEqual(historyBytes, Directory.GetFiles(temp.Sub("merged"), "*.history.jsonl", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
        var merged = TestRuns.OpenFolder(temp.Sub("merged"), output);
        var runs = merged.ListRuns(new RunFilter { Group = "cv-ci" }).ToList();
        CollectionAssert.AreEqual(new[] { "fold-0", "fold-1", "fold-2", "fold-3" }, runs.Select(r => r.Id).ToList());
        Assert.IsTrue(runs.All(r => r.State == RunState.Finished && r.HistoryRows == 200 && merged.ReadHistory(r.Id).Count() == 200));
        Assert.AreEqual(0, output.Lines.Count, string.Join("\n", output.Lines));
    }

    [TestMethod]
    public void Pushing_the_same_stores_into_PostgreSQL_twice_creates_no_duplicate_row()
    {
        using var temp = new TempFolder("merge-push");
        CiJobStores.RunFolds(temp.Sub("job-1"), "cv-push", new[] { 0, 1 });
        CiJobStores.RunFolds(temp.Sub("job-2"), "cv-push", new[] { 2 });
        var sources = new[] { temp.Sub("job-1"), temp.Sub("job-2") };

        var first = Push(sources);
        var second = Push(sources);

        Assert.AreEqual((3, 600L), (first.RunsAdded, first.RowsAdded));
        Assert.AreEqual((0, 3, 0L), (second.RunsAdded, second.RunsUnchanged, second.RowsAdded));
        Assert.AreEqual(600, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history h JOIN wandb_runs r ON r.id = h.run_id WHERE r.run_group = 'cv-push'"));
        Assert.AreEqual(3, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_writers w JOIN wandb_runs r ON r.id = w.run_id WHERE r.run_group = 'cv-push'"));
    }

    [TestMethod]
    public void Two_jobs_that_gave_different_runs_one_id_are_reported_and_the_first_run_is_kept()
    {
        using var temp = new TempFolder("merge-conflict");
        CiJobStores.RunFolds(temp.Sub("job-1"), "cv-clash", new[] { 7 }, offset: 0);
        CiJobStores.RunFolds(temp.Sub("job-2"), "cv-clash", new[] { 7 }, offset: 100);
        var output = new RecordingOutput();
        var destination = new FolderMergeDestination(temp.Sub("merged"), PhysicalStoreFileSystem.Instance, output);

        var result = StoreMerger.Merge(new[] { temp.Sub("job-1"), temp.Sub("job-2") }, destination, output);
        var pushed = Push(new[] { temp.Sub("job-1"), temp.Sub("job-2") });

        var conflict = result.Conflicts.Single();
        Assert.AreEqual(("fold-7", temp.Sub("job-2")), (conflict.RunId, conflict.Source));
        var warning = output.WarningsWith(WarningCodes.MergeRunConflict).Single();
        StringAssert.Contains(warning, "Run 'fold-7' in " + temp.Sub("job-2"));
        StringAssert.Contains(warning, "WANDB_RUN_ID");
        Assert.IsTrue(TestRuns.OpenFolder(temp.Sub("merged"), output).ReadHistory("fold-7").All(r => r.Values["loss"] < 100), "the first job's rows were kept, none overwritten");
        Assert.AreEqual(1, pushed.Conflicts.Count, "pushing into PostgreSQL reports the same conflict");
        Assert.AreEqual(200, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history WHERE run_id = 'fold-7'"));
        Assert.AreEqual(0, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_history WHERE run_id = 'fold-7' AND line LIKE '%\"loss\":10_.%'"));
    }

    [TestMethod]
    public void The_merge_command_pushes_CI_artifacts_into_PostgreSQL_and_writes_one_grouped_report()
    {
        using var temp = new TempFolder("merge-command");
        CiJobStores.RunFolds(temp.Sub("artifacts/wandb-fold-0"), "cv-command", new[] { 10 });
        CiJobStores.RunFolds(temp.Sub("artifacts/wandb-fold-1"), "cv-command", new[] { 11 });
        var output = new RecordingOutput();

        var outcome = MergeCommand.Run(
            new MergeRequest { From = new[] { "artifacts" }, To = _connection, BaseDirectory = temp.Path, ReportDirectory = "report" },
            new Wandb.Environment.DictionaryEnvironmentVariables(new Dictionary<string, string?>()),
            output);

        Assert.AreEqual((2, 2), (outcome.Result.Sources, outcome.Result.RunsAdded));
        StringAssert.StartsWith(outcome.Destination, "postgresql://wandb@127.0.0.1:");
        var json = File.ReadAllText(Path.Combine(temp.Path, "report", "runs.json"));
        StringAssert.Contains(json, "\"cv-command\"");
        Assert.IsFalse(json.Contains("wandb-test-secret") || string.Join("\n", output.Lines).Contains("wandb-test-secret"), "no password in the report or the output");
        Assert.IsTrue(output.Lines.Any(l => l.StartsWith("Merged 2 store(s) into postgresql://", StringComparison.Ordinal)), string.Join("\n", output.Lines));
    }

    private static MergeResult Push(IReadOnlyList<string> sources)
    {
        using var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(_connection, Path.GetTempPath(), new RecordingOutput()));
        return StoreMerger.Merge(sources, destination, new RecordingOutput());
    }
}
