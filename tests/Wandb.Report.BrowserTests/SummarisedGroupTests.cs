using System.Globalization;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using Wandb.Report.BrowserTests.Infrastructure;
using Wandb.Reports;

namespace Wandb.Report.BrowserTests;

/// <summary>A report past its budget (<see cref="ReportOptions.MaxDetailRuns"/>): the page says what it left out and still shows those groups' aggregates.</summary>
[TestClass]
public sealed class SummarisedGroupTests
{
    private static ReportStore _store = null!;
    private static JArray _groups = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("summarised");

        // Budget 4: the focus group wide-trees only; baseline and deep-trees (4 runs each) are summarised.
        _store.WriteReport(new ReportOptions { FocusGroups = { "wide-trees" }, MaxDetailRuns = 4 });
        _groups = (JArray)JObject.Parse(File.ReadAllText(Path.Combine(_store.Directory, "report", "runs.json")))["groups"]!;
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_page_says_how_many_runs_are_summarised_only_and_shows_their_groups_aggregates()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        var note = await report.TestId("omitted-note").InnerTextAsync();
        StringAssert.Contains(note, "8 runs in 2 other groups");
        StringAssert.Contains(note, "WandbMaxDetailRuns");
        StringAssert.Contains(note, "--group");
        CollectionAssert.AreEqual(new[] { "wide-trees" }, await report.GroupRowLabelsAsync(), "Only the group shown in full has rows in the table.");

        var rows = report.TestId("summary-only-groups").Locator("tbody tr");
        CollectionAssert.AreEqual(new[] { "deep-trees", "baseline" }, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.group)")).ToArray(), "The most recent first.");
        foreach (var group in new[] { "deep-trees", "baseline" })
        {
            var row = report.TestId("summary-only-groups").Locator($"tr[data-group=\"{group}\"]");
            Assert.AreEqual("4", await row.Locator("[data-testid=summary-only-runs]").TextContentAsync());
            var accuracy = (await row.Locator("td[data-metric=accuracy]").TextContentAsync())!;
            var stats = _groups.Single(g => (string?)g["group"] == group)["summary"]!["accuracy"]!;
            var shown = double.Parse(accuracy.Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.AreEqual((double)stats["mean"]!, shown, Math.Abs((double)stats["mean"]!) * 1e-3, $"{group}: {accuracy}");
            StringAssert.EndsWith(accuracy, "(4)");
        }

        var deepStates = report.TestId("summary-only-groups").Locator("tr[data-group=\"deep-trees\"] td").Nth(1);
        StringAssert.Contains(await deepStates.TextContentAsync(), "1 failed", "States count every run of the group.");
        await report.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("report-summarised.png") });
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task A_summarised_group_page_shows_its_aggregates_and_the_note_without_breaking()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/baseline");

        Assert.AreEqual("baseline", await report.TestId("group-title").TextContentAsync());
        StringAssert.Contains(await report.TestId("omitted-note").InnerTextAsync(), "the runs of this group are counted in its aggregates");
        var rows = report.TestId("summary-only-groups").Locator("tbody tr");
        Assert.AreEqual(1, await rows.CountAsync());
        Assert.AreEqual("4", await rows.Locator("[data-testid=summary-only-runs]").TextContentAsync());
        Assert.AreEqual(0, await report.RunRowCountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_sidebar_lists_the_summarised_groups_after_the_groups_shown_in_full_and_opens_their_page()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        var full = report.TestId("group-list").Locator("a .label");
        CollectionAssert.AreEqual(new[] { "wide-trees" }, (await full.AllTextContentsAsync()).ToArray());
        var summarised = report.TestId("summarised-group-list").Locator("a");
        CollectionAssert.AreEqual(new[] { "deep-trees", "baseline" }, (await summarised.Locator(".label").AllTextContentsAsync()).ToArray(), "The most recent first, as in the note's table.");
        CollectionAssert.AreEqual(new[] { "4", "4" }, (await summarised.Locator(".count").AllTextContentsAsync()).ToArray(), "Every run of the group is counted.");
        Assert.AreEqual(1, await summarised.Nth(0).Locator(".bad").CountAsync(), "deep-trees has a failed run.");

        await summarised.Nth(1).ClickAsync();

        Assert.AreEqual("baseline", await report.TestId("group-title").TextContentAsync());
        StringAssert.Contains(await report.TestId("omitted-note").InnerTextAsync(), "the runs of this group are counted in its aggregates");
        StringAssert.Contains(await report.TestId("summarised-group-list").Locator("a.active").TextContentAsync() ?? string.Empty, "baseline");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task The_page_of_a_group_shown_in_full_has_no_note()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/wide-trees");

        Assert.AreEqual(4, await report.RunRowCountAsync());
        Assert.IsFalse(await report.TestId("omitted-note").IsVisibleAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }
}
