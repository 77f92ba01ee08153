using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Wandb.Report.BrowserTests.Infrastructure;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// The page's size budget for curves (<see cref="HtmlBudget.CurveRuns"/>): past it, curves go to the focus groups, the
/// baseline, then the most recent groups; every run keeps its row, and the page says how many runs have no lines.
/// </summary>
[TestClass]
public sealed class CurveBudgetTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("curve-budget");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public void Within_the_budget_every_run_with_a_history_has_its_curves_and_the_data_has_no_note()
    {
        var (data, _) = Write(new HtmlReportOptions(), "all.html");

        Assert.AreEqual(12, ((JArray)data["curves"]!["loss"]!["runs"]!).Count);
        Assert.IsNull(data["curves_omitted"]);
    }

    [TestMethod]
    public void Past_the_budget_the_focus_group_then_the_baseline_then_the_newest_groups_keep_their_curves_and_every_run_its_row()
    {
        // Room for one group of 4 runs with 4 curves each (loss, accuracy, runtime, wall time) at 24 points a curve:
        // 900,000 / (4 x 24 x 4) runs would be 2,343; a minimum of 56,250 points a curve leaves room for exactly 4.
        var options = new HtmlReportOptions { MinBuckets = 56_250, FocusGroups = { "wide-trees" } };
        var (data, ids) = Write(options, "focus.html");
        Assert.AreEqual(12, (int)data["runs"]!["count"]!, "every run keeps its row");
        CollectionAssert.AreEquivalent(Runs("wide-trees"), Charted(data, ids), "the focus group only: the next group does not fit");
        Assert.AreEqual(8, (int)data["curves_omitted"]!["runs"]!);

        options = new HtmlReportOptions { MinBuckets = 56_250 / 2, BaselineGroup = "baseline" };
        (data, ids) = Write(options, "baseline.html");
        CollectionAssert.AreEquivalent(Runs("baseline").Concat(Runs("deep-trees")).ToList(), Charted(data, ids), "the baseline, then the newest group");
        Assert.AreEqual(4, (int)data["curves_omitted"]!["runs"]!);
    }

    [TestMethod]
    public async Task The_page_says_how_many_runs_have_no_curves_and_still_lists_them()
    {
        Write(new HtmlReportOptions { MinBuckets = 56_250, FocusGroups = { "wide-trees" } }, "index.html");

        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var note = await report.TestId("curves-omitted-note").InnerTextAsync();
        StringAssert.Contains(note, "8 runs in the table have no lines in the charts");
        StringAssert.Contains(note, "--group");
        await report.Page.Locator("[data-testid=runs-table]").WaitForAsync();
        Assert.IsTrue(await report.TestId("omitted-note").CountAsync() == 0, "no run was left out of the rows, only curves");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    private static List<string> Runs(string group) =>
        RunStore.Open(_store.Directory).ListRuns().Where(r => r.Group == group).Select(r => r.Id).ToList();

    private static List<string> Charted(JObject data, IReadOnlyList<string> ids) =>
        ((JArray)data["curves"]!["loss"]!["runs"]!).Select(r => ids[(int)r[0]!]).ToList();

    /// <summary>Writes the page of every run of the store with <paramref name="options"/>; returns its data and the run ids in data order.</summary>
    private static (JObject Data, IReadOnlyList<string> Ids) Write(HtmlReportOptions options, string file)
    {
        var store = RunStore.Open(_store.Directory);
        var runs = store.ListRuns().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var path = Path.Combine(_store.Directory, "report", file);
        HtmlReportWriter.Write(store, runs, path, options);
        var html = File.ReadAllText(path);
        var data = JObject.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"wandb-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value);
        return (data, runs.Select(r => r.Id).ToList());
    }
}
