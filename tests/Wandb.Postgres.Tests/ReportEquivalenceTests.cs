using Newtonsoft.Json.Linq;
using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Reports;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class ReportEquivalenceTests
{
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("report");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void The_report_from_the_database_equals_the_report_from_the_same_runs_in_a_folder_store()
    {
        using var temp = new TempFolder("report");
        CiJobStores.RunFolds(temp.Sub("store"), "cv-report", new[] { 0, 1, 2, 3, 4 }, rows: 300);
        using (var edge = TestRuns.Init(new RunOptions { Id = "edge-values", Group = "cv-report", Notes = "<b>\"quoted\"</b>" }, null, temp.Sub("store"), new RecordingOutput()))
        {
            edge.Log(new Dictionary<string, double> { ["loss"] = double.NaN, ["x"] = double.NegativeInfinity, ["naïve key"] = 1 });
            edge.Log(new Dictionary<string, double> { ["loss"] = 0.5 }, step: 10);
        }

        var output = new RecordingOutput();
        using (var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(_connection, temp.Path, output)))
        {
            StoreMerger.Merge(new[] { temp.Sub("store") }, destination, output);
        }

        var folder = TestRuns.OpenFolder(temp.Sub("store"), output);
        var database = TestRuns.OpenPostgres(_connection, temp.Path, output);
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var fromFolder = ReportWriter.WriteAll(folder, new ReportOptions { OutputDirectory = temp.Sub("folder-report") }, clock);
        var fromDatabase = ReportWriter.WriteAll(database, new ReportOptions { OutputDirectory = temp.Sub("database-report") }, clock);

        Assert.AreEqual(Normalized(fromFolder.JsonPath!), Normalized(fromDatabase.JsonPath!));
        Assert.AreEqual(File.ReadAllText(fromFolder.MarkdownPath!), File.ReadAllText(fromDatabase.MarkdownPath!));

        Assert.AreEqual(WithoutGenerationTime(File.ReadAllText(fromFolder.HtmlPath!)), WithoutGenerationTime(File.ReadAllText(fromDatabase.HtmlPath!)), "the HTML reports hold the same data");
        var folderRuns = folder.ListRuns().ToList();
        var databaseRuns = database.ListRuns().ToList();
        Assert.AreEqual(6, folderRuns.Count);
        foreach (var (a, b) in folderRuns.Zip(databaseRuns))
        {
            Assert.AreEqual(JObject.FromObject(a).ToString(), JObject.FromObject(b).ToString(), a.Id);
            var historyA = folder.ReadHistory(a.Id).Select(r => JObject.FromObject(r).ToString()).ToList();
            var historyB = database.ReadHistory(b.Id).Select(r => JObject.FromObject(r).ToString()).ToList();
            CollectionAssert.AreEqual(historyA, historyB, a.Id);
        }

        Assert.AreEqual(Path.Combine(temp.Path, "report"), ReportWriter.WriteAll(database).Directory, "without a folder of its own, the database's report goes to the local folder store");
        Assert.AreEqual(0, output.Lines.Count, string.Join("\n", output.Lines));
    }

    /// <summary>
    /// Past the budget the database reads only the runs of the groups it shows in full and summarises the others from
    /// its own aggregates; the folder store, listing every run as before its group index, groups them all. The reports say
    /// the same: the same runs in full, every group with the same counts, states, job types and statistics, the same note
    /// of what was left out. The folder store with its group index writes the database's reports byte for byte.
    /// </summary>
    [TestMethod]
    public void Past_the_budget_the_database_summarises_groups_from_its_aggregates_as_the_folder_store_does_from_its_runs()
    {
        using var temp = new TempFolder("summarised");
        var output = new RecordingOutput();
        var start = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var minute = 0;
        void Write(string id, string project, string? group, string? jobType, double loss, bool fails = false)
        {
            using var run = TestRuns.Init(new RunOptions { Id = id, Project = project, Group = group, JobType = jobType }, null, temp.Sub("store"), output, clock: new FixedClock(start.AddMinutes(minute++)));
            run.Config["lr"] = loss / 10;
            run.Log(new Dictionary<string, double> { ["loss"] = loss * 2, ["accuracy"] = 1 - loss });
            run.Log(new Dictionary<string, double> { ["loss"] = loss, ["accuracy"] = 1 - (loss / 2) });
            if (fails)
            {
                run.Summary["error"] = "fold <3> diverged";
            }

            run.Finish(fails ? 1 : 0);
        }

        Write("loose-a", "churn", null, "train", 0.61);
        Write("loose-b", "churn", null, "train", 0.62);
        Write("loose-c", "other", null, "train", 0.64);
        Write("shared-a", "churn", "shared", "train", 0.55);
        Write("shared-b", "other", "shared", "train", 0.57);
        Write("shared-c", "other", "shared", "eval", 0.56);
        var groups = new[] { "old-1", "old-2", "new-1", "focus" };
        for (var g = 0; g < groups.Length; g++)
        {
            for (var fold = 0; fold < 3; fold++)
            {
                Write($"{groups[g]}-{fold}", "churn", groups[g], fold == 2 ? "eval" : groups[g] == "old-2" && fold == 0 ? null : "fold", 0.3 + (g * 0.031) + (fold * 0.07), fails: groups[g] == "old-1" && fold == 1);
            }
        }

        // A schema of its own: the store's other runs would be groups of the report too.
        var connection = PostgresServer.CreateSchema("summarised");
        try
        {
            using (var destination = new PostgresMergeDestination(TestRuns.OpenPostgres(connection, temp.Path, output)))
            {
                StoreMerger.Merge(new[] { temp.Sub("store") }, destination, output);
            }

            var listing = new FolderRunStore(temp.Sub("store"), PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance) { SummarisesGroups = false };
            ReportsAgree(listing, TestRuns.OpenPostgres(connection, temp.Path, output), temp, start.AddDays(1));

            // The folder store's own group index summarises the same groups as the database, to the byte.
            var clock = new FixedClock(start.AddDays(1));
            ReportOptions Options(string name) => new() { OutputDirectory = temp.Sub(name), MaxDetailRuns = 6, FocusGroups = { "focus" } };
            var indexed = ReportWriter.WriteAll(TestRuns.OpenFolder(temp.Sub("store"), output), Options("indexed-report"), clock);
            var database = ReportWriter.WriteAll(TestRuns.OpenPostgres(connection, temp.Path, output), Options("database-report-2"), clock);
            Assert.AreEqual(Normalized(database.JsonPath!), Normalized(indexed.JsonPath!));
            Assert.AreEqual(WithoutGenerationTime(File.ReadAllText(database.HtmlPath!)), WithoutGenerationTime(File.ReadAllText(indexed.HtmlPath!)));
            Assert.AreEqual(Tables(File.ReadAllText(database.MarkdownPath!)), Tables(File.ReadAllText(indexed.MarkdownPath!)));
            StringAssert.Contains(File.ReadAllText(indexed.MarkdownPath!), "> **1 run(s) did not finish**, all in summarised groups: they are counted in the tables' states.");
            Assert.IsTrue(File.Exists(Path.Combine(temp.Sub("store"), "index", "groups.v2.jsonl")), "the folder store keeps its group index beside the run index");
        }
        finally
        {
            PostgresServer.DropSchema(connection);
        }
    }

    private static void ReportsAgree(RunStore folder, RunStore database, TempFolder temp, DateTimeOffset now)
    {
        var clock = new FixedClock(now);
        ReportOptions Options(string name) => new() { OutputDirectory = temp.Sub(name), MaxDetailRuns = 6, FocusGroups = { "focus" } };
        var fromFolder = ReportWriter.WriteAll(folder, Options("folder-report"), clock);
        var fromDatabase = ReportWriter.WriteAll(database, Options("database-report"), clock);

        var model = ReportModel.Build(database, Options("model"), clock.UtcNow);
        CollectionAssert.AreEquivalent(new[] { "focus", "new-1" }, model.Runs.Select(r => r.Group).Distinct().ToList(), "only the runs shown in full are read");
        CollectionAssert.AreEquivalent(new[] { "old-1", "old-2" }, model.ByGroup.Groups.Where(g => g.IsAggregate).Select(g => g.Path[0].Text).ToList());
        Assert.AreEqual(3, model.ByGroup.Groups.Single(g => g.Label == "shared").Runs.Count, "a group name of two projects is read: per-project aggregates cannot give its median");
        Assert.AreEqual(3, model.ByGroup.Groups.Single(g => g.Path[0].IsMissing).Runs.Count, "so are the runs without a group of two projects");

        Assert.AreEqual(Normalized(fromFolder.JsonPath!), Normalized(fromDatabase.JsonPath!));
        Assert.AreEqual(WithoutGenerationTime(File.ReadAllText(fromFolder.HtmlPath!)), WithoutGenerationTime(File.ReadAllText(fromDatabase.HtmlPath!)), "the HTML reports hold the same data");
        var folderMarkdown = File.ReadAllText(fromFolder.MarkdownPath!);
        var databaseMarkdown = File.ReadAllText(fromDatabase.MarkdownPath!);
        Assert.AreEqual(Tables(folderMarkdown), Tables(databaseMarkdown));
        StringAssert.Contains(databaseMarkdown, "| old\\-1 | 3 | 2 finished, 1 failed |");
        StringAssert.Contains(databaseMarkdown, "> **1 run(s) did not finish**, all in summarised groups: they are counted in the tables' states.");
        StringAssert.Contains(folderMarkdown, "| old\\-1\\-1 | old\\-1\\-1 |", "the folder store, which lists every run, still names the failed run");
        CollectionAssert.AreEqual(fromFolder.ConsoleLines.ToList(), fromDatabase.ConsoleLines.Select(l => l.Replace(fromDatabase.Directory, fromFolder.Directory)).ToList());

        // Past a budget smaller than the runs of the group names two projects use, those groups are not read either:
        // their per-project aggregates are combined, exact but for the median.
        var combined = ReportModel.Build(database, new ReportOptions { MaxDetailRuns = 3, FocusGroups = { "focus" } }, clock.UtcNow);
        var read = ReportModel.Build(folder, new ReportOptions { MaxDetailRuns = 3, FocusGroups = { "focus" } }, clock.UtcNow);
        CollectionAssert.AreEquivalent(new[] { "focus" }, combined.Runs.Select(r => r.Group).Distinct().ToList());
        var shared = combined.ByGroup.Groups.Single(g => g.Label == "shared");
        var expected = read.ByGroup.Groups.Single(g => g.Label == "shared");
        Assert.IsTrue(shared.IsAggregate);
        Assert.AreEqual(3, shared.RunCount);
        CollectionAssert.AreEqual(new[] { "churn", "other" }, shared.Projects.ToList());
        CollectionAssert.AreEqual(expected.JobTypes.ToList(), shared.JobTypes.ToList());
        Assert.AreEqual(expected.Summary["loss"].Mean, shared.Summary["loss"].Mean, 1e-12);
        Assert.AreEqual(expected.Summary["loss"].Std, shared.Summary["loss"].Std, 1e-12);
        Assert.IsTrue(double.IsNaN(shared.Summary["loss"].Median));
        Assert.AreEqual(read.RunCount, combined.RunCount);
    }

    /// <summary>summary.md from its first grouped table on: the tables and the comparison, which both stores must agree on.</summary>
    private static string Tables(string markdown) => markdown.Substring(markdown.IndexOf("## Runs by", StringComparison.Ordinal));

    private static string WithoutGenerationTime(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "\"generated_at\":\"[^\"]*\"", "\"generated_at\":\"\"");

    private static string Normalized(string jsonPath)
    {
        var document = JObject.Parse(File.ReadAllText(jsonPath));
        foreach (var property in document.Descendants().OfType<JProperty>().Where(p => p.Name == "generated_at").ToList())
        {
            property.Remove();
        }

        return document.ToString();
    }
}
