using Microsoft.Playwright;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>The view in the URL: a link reopens it in a fresh page, back and forward step through views.</summary>
[TestClass]
public sealed class ViewStateTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Experiment("view-state");
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task A_link_with_the_view_reopens_it_in_a_fresh_page()
    {
        string url;
        string[] groups, headings;
        await using (var report = await ReportPage.OpenAsync(_store.ReportPath))
        {
            Assert.IsFalse(report.Page.Url.Contains('?', StringComparison.Ordinal), "an untouched page keeps a plain link: " + report.Page.Url);
            await report.TestId("group-by").SelectOptionAsync("config:num_trees");
            await report.TestId("group-by-then").SelectOptionAsync("job_type");
            await report.Page.Locator("button.sort[data-col='summary:loss']").ClickAsync();
            await report.TestId("column-picker").ClickAsync();
            await report.Page.GetByRole(AriaRole.Checkbox, new() { Name = "job_type", Exact = true }).UncheckAsync();
            var settings = report.TestId("chart").First.Locator("select").First;
            var option = await settings.Locator("option").Last.GetAttributeAsync("value");
            await settings.SelectOptionAsync(option!);
            await report.TestId("runs-filter").FillAsync("fold");
            await report.Page.WaitForFunctionAsync("() => location.hash.includes('q=fold')");
            url = report.Page.Url;
            groups = await report.GroupRowLabelsAsync();
            headings = await report.ColumnHeadingsAsync();
            StringAssert.Contains(url, "by=config%3Anum_trees");
        }

        await using var fresh = await ReportPage.OpenAsync(_store.ReportPath, "#" + url.Split('#', 2)[1]);
        Assert.AreEqual("config:num_trees", await fresh.TestId("group-by").InputValueAsync());
        Assert.AreEqual("fold", await fresh.TestId("runs-filter").InputValueAsync());
        CollectionAssert.AreEqual(groups, await fresh.GroupRowLabelsAsync());
        CollectionAssert.AreEqual(headings, await fresh.ColumnHeadingsAsync());
        CollectionAssert.DoesNotContain(headings, "job_type");
        Assert.AreEqual("descending", await fresh.Page.Locator("th:has(button.sort[data-col='summary:loss'])").GetAttributeAsync("aria-sort"));
        Assert.AreEqual(url, fresh.Page.Url, "reopening writes nothing new");
        CollectionAssert.AreEqual(Array.Empty<string>(), fresh.ConsoleErrors);
    }

    [TestMethod]
    public async Task Back_and_forward_step_through_views_and_a_group_link_keeps_the_view()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("group-by").SelectOptionAsync("job_type");
        CollectionAssert.AreEquivalent(new[] { "train", "eval" }, await report.GroupRowLabelsAsync());

        await report.Page.GoBackAsync();
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=group-by]').value === 'group'");
        CollectionAssert.AreEquivalent(SampleStores.Groups, await report.GroupRowLabelsAsync());

        await report.Page.GoForwardAsync();
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=group-by]').value === 'job_type'");
        CollectionAssert.AreEquivalent(new[] { "train", "eval" }, await report.GroupRowLabelsAsync());

        await report.Page.Locator("[data-testid=group-list] a", new() { HasText = "wide-trees" }).ClickAsync();
        await report.TestId("group-title").WaitForAsync();
        await report.Page.WaitForFunctionAsync("() => location.hash.startsWith('#/group/wide-trees?')");
        Assert.AreEqual("job_type", await report.TestId("group-by").InputValueAsync(), "the group page keeps the view");
        StringAssert.Contains(report.Page.Url, "by=job_type");
    }
}
