using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// Names that are also properties of every JavaScript object (<c>constructor</c>, <c>toString</c>,
/// <c>__proto__</c>, …) used as metric, config key, config value, group, job type and tag: a page that looks
/// user names up in plain objects finds the prototype's functions instead and breaks.
/// </summary>
[TestClass]
public sealed class PrototypeNameTests
{
    private static readonly string[] Names =
    {
        "constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
        "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString",
    };

    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = SampleStores.PrototypeNames("prototype-names", Names);
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_names_cover_every_own_property_of_the_browser_object_prototype()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        var own = await report.Page.EvaluateAsync<string[]>("() => Object.getOwnPropertyNames(Object.prototype)");

        CollectionAssert.IsSubsetOf(own, Names, "names missing: " + string.Join(", ", own.Except(Names)));
    }

    [TestMethod]
    public async Task Metrics_named_like_object_properties_each_get_a_working_chart()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        CollectionAssert.AreEquivalent(Names, await report.TestId("chart").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.metric)"));
        CollectionAssert.AreEqual(Names.Select(_ => 2).ToArray(), await report.ChartLinesAsync(), "each metric is logged by the runs of two groups");
        await report.TestId("chart").First.Locator(".u-over").HoverAsync();
        await report.TestId("chart").First.Locator(".tooltip").WaitForAsync();

        for (var i = 0; i < Names.Length; i++)
        {
            var chart = report.Page.Locator($"[data-testid=chart][data-metric=\"{Names[i]}\"]");
            await chart.Locator("[data-testid=band]").SelectOptionAsync("minmax");
            Assert.AreEqual("2", await chart.GetAttributeAsync("data-bands"), Names[i]);

            // Only the runs of this name's own group log the next name's metric: one line against it.
            await chart.Locator("[data-testid=x-axis]").SelectOptionAsync("metric:" + Names[(i + 1) % Names.Length]);
            Assert.AreEqual("1", await chart.GetAttributeAsync("data-lines"), Names[i] + " against " + Names[(i + 1) % Names.Length]);
            await chart.Locator(".legend-item").First.ClickAsync();
            Assert.AreEqual("0", await chart.GetAttributeAsync("data-lines"), Names[i] + ": legend hides its line");
        }

        await report.TestId("group-toggle").ClickAsync();
        CollectionAssert.AreEqual(Names.Select(_ => 2).ToArray(), await report.ChartLinesAsync(), "ungrouped: one line per run that logged the x axis' metric");
        await report.TestId("chart").First.Locator("[data-testid=x-axis]").SelectOptionAsync("step");
        Assert.AreEqual("4", await report.TestId("chart").First.GetAttributeAsync("data-lines"), "ungrouped against step: the metric's four runs");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
    }

    [TestMethod]
    public async Task Config_keys_values_groups_job_types_and_tags_named_like_object_properties_group_the_table()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        CollectionAssert.AreEquivalent(Names, (await report.GroupRowLabelsAsync()).ToArray(), "grouped by group");
        CollectionAssert.AreEquivalent(Names, (await report.Page.Locator("[data-testid=group-list] a .label").AllTextContentsAsync()).ToArray());
        var keys = await report.TestId("group-by").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        CollectionAssert.IsSubsetOf(Names.Select(n => "config:" + n).ToArray(), keys);

        foreach (var key in new[] { "job_type", "tags" })
        {
            await report.TestId("group-by").SelectOptionAsync(key);
            CollectionAssert.AreEquivalent(Names, await report.GroupRowLabelsAsync(), key);
        }

        for (var i = 0; i < Names.Length; i++)
        {
            await report.TestId("group-by").SelectOptionAsync("config:" + Names[i]);
            CollectionAssert.AreEquivalent(new[] { Names[(i + 3) % Names.Length], "(none)" }, await report.GroupRowLabelsAsync(), "config." + Names[i]);
            var counts = await report.Page.Locator("[data-testid=runs-table] tr.group-row .count").AllTextContentsAsync();
            CollectionAssert.AreEquivalent(new[] { "2", (2 * (Names.Length - 1)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, counts.ToArray(), "config." + Names[i]);
        }

        await report.TestId("group-by-then").SelectOptionAsync("tags");
        await report.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Expand all" }).ClickAsync();
        Assert.AreEqual(2 * Names.Length, await report.RunRowCountAsync());
        foreach (var agg in await report.TestId("col-agg").AllAsync())
        {
            await agg.ClickAsync();
        }

        await report.TestId("group-toggle").ClickAsync();
        Assert.AreEqual(2 * Names.Length, await report.RunRowCountAsync());
        var table = await report.TestId("runs-table").InnerTextAsync();
        Assert.IsFalse(table.Contains("native code", StringComparison.Ordinal) || table.Contains("function", StringComparison.Ordinal), "a missing value showed a prototype function: " + table);
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
    }

    [TestMethod]
    public async Task The_comparison_and_group_pages_work_for_names_like_object_properties()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        var metrics = await report.TestId("compare-metric").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        CollectionAssert.AreEquivalent(Names.Where(n => !n.StartsWith('_')).ToArray(), metrics, "'_' metrics are the SDK's own and never compared");
        foreach (var metric in metrics)
        {
            await report.TestId("compare-metric").SelectOptionAsync(metric);
            Assert.AreEqual(2, await report.TestId("group-comparison").Locator("tbody tr").CountAsync(), metric);
        }

        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors, string.Join("\n", report.ConsoleErrors));
        foreach (var name in Names)
        {
            await using var page = await ReportPage.OpenAsync(_store.ReportPath, "#/group/" + Uri.EscapeDataString(name));

            Assert.AreEqual(name, await page.TestId("group-title").TextContentAsync());
            Assert.AreEqual(2, await page.RunRowCountAsync(), name);
            CollectionAssert.AreEqual(new[] { 1, 1 }, (await page.ChartLinesAsync()).Where(n => n > 0).ToArray(), name + ": its two metrics");
            CollectionAssert.AreEqual(Array.Empty<string>(), page.ConsoleErrors, name + ": " + string.Join("\n", page.ConsoleErrors));
        }
    }
}
