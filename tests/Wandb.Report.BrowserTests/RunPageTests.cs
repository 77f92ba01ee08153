using System.Text.RegularExpressions;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// Failures in plain sight: the runs that did not finish come first on every page, with their message in the
/// table and its tooltip, and each run has a page of its own (<c>#/run/&lt;id&gt;</c>) with its config, summary,
/// system, full error and charts.
/// </summary>
[TestClass]
public sealed class RunPageTests
{
    private const string Payload = "<img src=x onerror=\"window.__xss = 1\">";
    private static readonly string LongMessage = "Assert.AreEqual failed. Expected:<0.9>. Actual:<0.41>. " + Payload + "\n   at Churn.Tests.ModelTests.Regression()\n" + string.Concat(Enumerable.Repeat("more detail ", 80)) + "END-OF-MESSAGE";

    private static ReportStore _store = null!;
    private static string _regression = null!;
    private static string _timeout = null!;
    private static string _passing = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("run-page");
        _passing = _store.AddRun(new RunSpec
        {
            Name = "CrossValidate (0)",
            Group = "test-1",
            JobType = "CrossValidate",
            Config = new Dictionary<string, object?> { ["fold"] = 0, ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.1 } },
            Metrics = new Dictionary<string, Func<int, double>> { ["auc"] = step => 0.8 + (step / 100.0) },
            Summary = new Dictionary<string, object?> { ["outcome"] = "passed", ["duration"] = 0.25 },
        });
        _regression = _store.AddRun(new RunSpec
        {
            Name = "Regression",
            Group = "test-1",
            JobType = "Regression",
            Metrics = new Dictionary<string, Func<int, double>> { ["loss"] = step => 1.0 / (step + 1) },
            Summary = new Dictionary<string, object?> { ["outcome"] = "failed", ["duration"] = 0.5, ["error"] = LongMessage },
            Failed = true,
        });
        _timeout = _store.AddRun(new RunSpec
        {
            Name = "Slow",
            Group = "test-1",
            JobType = "Slow",
            Steps = 0,
            Summary = new Dictionary<string, object?> { ["outcome"] = "timeout", ["duration"] = 30.0, ["error"] = "Test timed out after 30 s." },
            Failed = true,
        });
        _store.AddRun(new RunSpec
        {
            Name = "train",
            Group = "build-1",
            Metrics = new Dictionary<string, Func<int, double>> { ["auc"] = step => 0.7 },
        });
        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task A_run_page_opens_from_its_url_with_config_summary_system_the_whole_error_and_its_charts()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/run/" + _regression, width: 1280, height: 1000);

        Assert.AreEqual(1, await report.TestId("run-page").CountAsync());
        StringAssert.Contains(await report.TestId("run-title").TextContentAsync(), "Regression");
        Assert.AreEqual(LongMessage.Trim(), await report.TestId("run-error").TextContentAsync(), "the whole message, as text");
        Assert.IsNull(await report.Page.EvaluateAsync<int?>("() => window.__xss ?? null"), "markup in the message stays text");
        Assert.AreEqual(0, await report.Page.Locator("img").CountAsync());
        StringAssert.Contains(await report.TestId("run-summary").InnerTextAsync(), "outcome\tfailed");
        StringAssert.Contains(await report.TestId("run-summary").InnerTextAsync(), "duration\t0.5");
        StringAssert.Contains(await report.TestId("run-system").InnerTextAsync(), "pid\t" + System.Environment.ProcessId);
        CollectionAssert.AreEqual(new[] { "loss" }, await report.TestId("chart").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.metric)"), "the charts of this run's metrics only");
        CollectionAssert.AreEqual(new[] { 1 }, await report.ChartLinesAsync());
        Assert.AreEqual(0, await report.TestId("runs-table").CountAsync(), "a run's page has no runs table");
        Assert.AreEqual("test-1", await report.Page.Locator("[data-testid=group-list] a.active .label").TextContentAsync(), "the sidebar marks the run's group");
        await report.Page.ScreenshotAsync(new() { Path = Screenshots.PathFor("report-run.png"), FullPage = true });
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.NetworkRequests);
    }

    [TestMethod]
    public async Task A_passing_run_has_its_config_and_no_error_and_an_unknown_id_says_so()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/run/" + _passing);

        Assert.AreEqual(0, await report.TestId("run-error").CountAsync());
        var config = await report.TestId("run-config").InnerTextAsync();
        StringAssert.Contains(config, "fold\t0");
        StringAssert.Contains(config, "optimizer.lr\t0.1");

        await report.Page.EvaluateAsync("() => { location.hash = '#/run/nosuchrun'; }");
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=run-page]')?.textContent.includes('nosuchrun')");
        Assert.AreEqual(0, await report.TestId("chart").CountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
    }

    [TestMethod]
    public async Task Runs_in_the_table_link_to_their_page_and_back()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/test-1");

        await report.Page.Locator($"[data-testid=runs-table] tr.run-row[data-run=\"{_timeout}\"] td.name a").ClickAsync();
        await report.Page.WaitForURLAsync(url => url.EndsWith("#/run/" + _timeout, StringComparison.Ordinal));
        Assert.AreEqual("Test timed out after 30 s.", await report.TestId("run-error").TextContentAsync());
        Assert.AreEqual(0, await report.TestId("chart").CountAsync(), "a run that logged no metric has no chart");

        await report.TestId("run-page").Locator("a", new() { HasText = "test-1" }).ClickAsync();
        await report.TestId("group-title").WaitForAsync();
        Assert.AreEqual(3, await report.RunRowCountAsync());
    }

    [TestMethod]
    public async Task Failed_runs_come_first_on_the_page_and_in_the_table_with_their_message_cut_in_the_cell_and_tooltip()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/test-1", width: 1280, height: 1000);

        var failures = report.TestId("failures");
        Assert.IsTrue(await report.Page.EvaluateAsync<bool>(
            "() => !!(document.querySelector('[data-testid=failures]').compareDocumentPosition(document.querySelector('[data-testid=runs-table]')) & Node.DOCUMENT_POSITION_FOLLOWING)"),
            "the failures come before the table");
        CollectionAssert.AreEqual(new[] { _timeout, _regression }, await failures.Locator("li[data-run]").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.run)"), "newest first");
        var listed = await failures.Locator($"li[data-run=\"{_regression}\"]").InnerTextAsync();
        StringAssert.Contains(listed, "Assert.AreEqual failed. Expected:<0.9>. Actual:<0.41>. " + Payload + " at Churn.Tests");
        StringAssert.Contains(listed, "truncated");
        Assert.IsFalse(listed.Contains("END-OF-MESSAGE", StringComparison.Ordinal));

        var rows = await report.Page.Locator("[data-testid=runs-table] tr.run-row").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.run)");
        CollectionAssert.AreEqual(new[] { _regression, _timeout, _passing }, rows, "the runs that did not finish first, then by name");
        var header = await report.Page.Locator("[data-testid=runs-table] thead button.sort").AllTextContentsAsync();
        var errorColumn = header.ToList().IndexOf("error");
        Assert.IsGreaterThanOrEqualTo(0, errorColumn, "an error column: " + string.Join(", ", header));
        var cell = report.Page.Locator($"[data-testid=runs-table] tr.run-row[data-run=\"{_regression}\"] td").Nth(errorColumn);
        StringAssert.StartsWith(await cell.TextContentAsync(), "Assert.AreEqual failed.");
        var tooltip = await report.Page.Locator($"[data-testid=runs-table] tr.run-row[data-run=\"{_regression}\"] td.name").GetAttributeAsync("title");
        StringAssert.Contains(tooltip, "Expected:<0.9>. Actual:<0.41>.");
        StringAssert.Matches(tooltip, new Regex(@"truncated: the run's page shows the whole message\)$"));
        Assert.IsNull(await report.Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
    }

    [TestMethod]
    public async Task The_page_of_all_runs_lists_every_failure_first_and_a_page_without_failures_lists_none()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        Assert.AreEqual(2, await report.TestId("failures").Locator("li[data-run]").CountAsync());

        await report.Page.Locator("[data-testid=group-list] a", new() { HasText = "build-1" }).ClickAsync();
        await report.TestId("group-title").WaitForAsync();
        Assert.AreEqual(0, await report.TestId("failures").CountAsync());
    }
}
