using System.Text.RegularExpressions;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

[TestClass]
public sealed class UnsafeInputTests
{
    // Each payload would set window.__xss (or load x) if it were ever parsed as markup or script.
    private static readonly string[] Payloads =
    {
        "<script>window.__xss = 1</script>",
        "\"><img src=x onerror=\"window.__xss = 2\">",
        "'><svg onload=window.__xss=3>",
        "</script><script>window.__xss = 4</script>",
        "<iframe srcdoc=\"<script>parent.__xss = 5</script>\"></iframe>&amp;",
    };

    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.Hostile("unsafe", Payloads);
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task Markup_in_every_user_field_is_shown_as_text_and_never_runs()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        await AssertInertAsync(report, "default view");
        await report.TestId("group-toggle").ClickAsync();
        await AssertInertAsync(report, "ungrouped");
        var text = await report.Page.Locator("body").InnerTextAsync();
        foreach (var payload in Payloads)
        {
            StringAssert.Contains(text, payload, "the payload is visible as text");
        }

        foreach (var key in await report.TestId("group-by").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"))
        {
            await report.TestId("group-by").SelectOptionAsync(key);
            await AssertInertAsync(report, "grouped by " + key);
        }

        await report.TestId("project").SelectOptionAsync(Payloads[1]);
        await AssertInertAsync(report, "project selected");
        StringAssert.StartsWith(await report.Page.Locator(".topbar .meta").TextContentAsync(), "1 run ·", "the project selector narrows the runs");
        await report.Page.Locator("[data-testid=runs-table] thead button.sort").Last.ClickAsync();
        await report.TestId("chart").First.HoverAsync();
        await AssertInertAsync(report, "tooltip");
    }

    [TestMethod]
    public async Task Markup_in_a_group_name_is_inert_on_its_group_page()
    {
        foreach (var payload in Payloads)
        {
            await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/group/" + Uri.EscapeDataString(payload));

            Assert.AreEqual(payload, await report.TestId("group-title").TextContentAsync());
            await report.TestId("chart").First.HoverAsync();
            await AssertInertAsync(report, "group page of " + payload);
        }
    }

    [TestMethod]
    public void The_embedded_data_holds_no_angle_bracket_or_ampersand_that_could_end_its_script_element()
    {
        var html = File.ReadAllText(_store.ReportPath);
        var data = Regex.Match(html, "<script type=\"application/json\" id=\"wandb-data\">(.*?)</script>", RegexOptions.Singleline);

        Assert.IsTrue(data.Success, "the data block is present");
        Assert.AreEqual(-1, data.Groups[1].Value.IndexOfAny(new[] { '<', '>', '&' }));
        StringAssert.Contains(data.Groups[1].Value, "\\u003cscript\\u003ewindow.__xss = 1\\u003c/script\\u003e");
        Assert.AreEqual(2, Regex.Matches(html, "<script").Count, "only the data block and the page script");
    }

    private static async Task AssertInertAsync(ReportPage report, string when)
    {
        Assert.IsNull(await report.Page.EvaluateAsync<int?>("() => window.__xss ?? null"), when + ": a payload ran");
        Assert.AreEqual(0, await report.Page.Locator("img, svg, iframe").CountAsync(), when + ": a payload became an element");
        Assert.AreEqual(2, await report.Page.Locator("script").CountAsync(), when + ": a payload added a script element");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, when + ": " + string.Join("\n", report.ConsoleErrors));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.NetworkRequests, when + ": " + string.Join("\n", report.NetworkRequests));
    }
}
