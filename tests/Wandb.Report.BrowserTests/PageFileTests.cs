using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Wandb.Report.BrowserTests.Infrastructure;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Report.BrowserTests;

/// <summary>The written file itself: its policy, its data and its size budget (no browser needed).</summary>
[TestClass]
public sealed class PageFileTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("page-file");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public void The_policy_allows_exactly_the_page_own_script_and_style_by_hash_and_nothing_from_the_network()
    {
        var html = File.ReadAllText(_store.ReportPath);
        var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value.Replace("&#39;", "'");
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;

        Assert.AreEqual($"default-src 'none'; script-src 'sha256-{Sha256(script)}'; style-src 'sha256-{Sha256(style)}'; base-uri 'none'; form-action 'none'", csp);
        Assert.IsFalse(Regex.IsMatch(html, @"(src|href)=""(https?:)?//"), "no external resource is referenced");
    }

    [TestMethod]
    public void The_data_carries_every_run_with_its_curves_on_the_engine_grid_and_the_goals_the_page_compares_groups_with()
    {
        var html = File.ReadAllText(_store.ReportPath);
        var data = JObject.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"wandb-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value);

        var runs = data["runs"]!;
        Assert.AreEqual(12, (int)runs["count"]!);
        Assert.AreEqual(12, Column(runs["id"]!, 12).Distinct().Count(), "every run, each once");
        CollectionAssert.AreEqual(new[] { "accuracy", "loss" }, data["metrics"]!.Values<string>().ToArray());
        var loss = data["curves"]!["loss"]!;
        Assert.AreEqual(20, loss["count"]!.Value<int>());
        Assert.AreEqual(12, ((JArray)loss["runs"]!).Count);
        Assert.AreEqual(20, ((JArray)loss["runs"]![0]![2]!).Count, "20 steps, one bucket each");
        Assert.IsNotNull(data["axes"]!["runtime"]);
        Assert.IsNotNull(data["axes"]!["wall"]);

        // The page compares the groups it shows itself (ComparisonParityTests, GroupedViewTests); the data
        // gives it the engine's goals and the test logger's bookkeeping names.
        CollectionAssert.AreEqual(new[] { "loss" }, data["lower_is_better"]!.Values<string>().ToArray());
        CollectionAssert.AreEqual(new[] { "duration", "error", "outcome" }, data["logger_keys"]!.Values<string>().ToArray());
        Assert.AreEqual(JTokenType.Null, data["compare_metric"]!.Type);
        Assert.IsNull(data["comparisons"], "no comparison over all runs that a group page could show by mistake");

        // All runs were recorded by this test process: one system info, which every run points at.
        // Runs are written by column: one system info, held once, and one value per run.
        Assert.AreEqual(1, ((JArray)runs["system"]!["distinct"]!).Count);
        Assert.AreEqual(12, Column(runs["system"]!, 12).Count(s => s is JObject));
        var failed = Array.FindIndex(Column(runs["state"]!, 12), s => (string?)s == "failed");
        Assert.AreEqual(1, (int)Column(runs["exit_code"]!, 12)[failed]!);
    }

    [TestMethod]
    public void The_bucket_count_shrinks_with_runs_and_metrics_within_its_bounds()
    {
        var options = new HtmlReportOptions();
        IReadOnlyList<StoredRun> Runs(int count, int metrics, long rows = 100) => Enumerable.Range(0, count).Select(i => new StoredRun
        {
            Id = "r" + i,
            Name = "r" + i,
            Project = "p",
            State = RunState.Finished,
            HistoryRows = rows,
            Summary = Enumerable.Range(0, metrics).ToDictionary(m => "m" + m, m => (object?)1.0),
        }).ToList();

        Assert.AreEqual(1000, HtmlBudget.BucketsPerChart(Runs(10, 8), options));
        Assert.AreEqual(90, HtmlBudget.BucketsPerChart(Runs(1000, 8), options));
        Assert.AreEqual(24, HtmlBudget.BucketsPerChart(Runs(100_000, 8), options));
        Assert.AreEqual(10, HtmlBudget.BucketsPerChart(Runs(100_000, 8), new HtmlReportOptions { MaxBuckets = 10 }));

        // Test results (no history) beside trained runs draw no curve: the trained runs' charts keep their buckets.
        var testResults = Runs(5000, 3, rows: 0);
        Assert.AreEqual(1000, HtmlBudget.BucketsPerChart(Runs(20, 8).Concat(testResults).ToList(), options));
        Assert.AreEqual(90, HtmlBudget.BucketsPerChart(Runs(1000, 8).Concat(testResults).ToList(), options));
        Assert.AreEqual(1000, HtmlBudget.BucketsPerChart(testResults, options));
    }

    /// <summary>A page-data column read back to one value per run (docs/html-report.md, "Data contract"), null where a run has none.</summary>
    private static JToken?[] Column(JToken column, int count)
    {
        var values = column["values"]?.ToArray()
            ?? column["index"]?.Select(i => column["distinct"]![(int)i!]!).ToArray()
            ?? column["repeat"]!.Select((t, i) => (Value: (int)t!, At: i)).Where(p => p.At % 2 == 0)
                .SelectMany(p => Enumerable.Repeat(column["distinct"]![p.Value]!, (int)column["repeat"]![p.At + 1]!)).ToArray();
        var rows = column["rows"]?.Select(t => (int)t!).ToArray();
        var perRun = new JToken?[count];
        for (int k = 0, row = rows is null ? -1 : 0; k < values.Length; k++)
        {
            row = rows is null ? row + 1 : row + rows[k];
            perRun[row] = values[k];
        }

        return perRun;
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
