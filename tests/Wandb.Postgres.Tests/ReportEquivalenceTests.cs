using Newtonsoft.Json.Linq;
using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Reports;
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
