using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>
/// The charts' settings in the URL: the metric search, closed sections, show runs, stroke-by and chart-by
/// keys, a chart's own settings and the lines hidden through its legend reopen from a link in a fresh page,
/// and back and forward restore each one. Two groups of four runs (seed 0 or 1, optimizer sgd or adam) with
/// metrics in a train and a valid section.
/// </summary>
[TestClass]
public sealed class ChartViewStateTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("chart-view-state");
        foreach (var (group, g) in new[] { ("alpha", 0), ("beta", 1) })
        {
            for (var i = 0; i < 4; i++)
            {
                var offset = (10 * i) + (100 * g);
                _store.AddRun(new RunSpec
                {
                    Name = $"{group}-{i}",
                    Group = group,
                    Config = new Dictionary<string, object?> { ["seed"] = i % 2, ["optimizer"] = i < 2 ? "sgd" : "adam" },
                    Metrics = new Dictionary<string, Func<int, double>>
                    {
                        ["train/loss"] = step => step + offset,
                        ["train/acc"] = step => 0.5 + (0.01 * step),
                        ["valid_loss"] = step => 2.0 * (step + offset),
                        ["valid_acc"] = step => 0.4 + (0.01 * step),
                    },
                });
            }
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    /// <summary>What the charts show: the bar's controls, the sections and whether each is open, and per chart what it draws.</summary>
    private static async Task<string> ChartViewAsync(ReportPage report) =>
        string.Join("\n",
            "search=" + await report.TestId("metric-search").InputValueAsync(),
            "runs=" + await report.TestId("show-runs").IsCheckedAsync(),
            "stroke=" + await report.TestId("stroke-by").InputValueAsync(),
            "charts=" + await report.TestId("chart-by").InputValueAsync(),
            await report.TestId("chart-section").EvaluateAllAsync<string>("s => s.map(e => e.dataset.section + (e.open ? ' open' : ' closed')).join(', ')"),
            await report.TestId("chart").EvaluateAllAsync<string>(
                "cs => cs.map(c => [c.dataset.metric, c.dataset.chartValue, c.dataset.lines, c.dataset.runLines, c.dataset.bands, " +
                "c.querySelector('[data-testid=band]')?.value, Array.from(c.querySelectorAll('.legend-item.off'), b => b.textContent).join('+')].join(' ')).join('\\n')"));

    [TestMethod]
    public async Task A_link_reopens_every_chart_setting_in_a_fresh_page()
    {
        string url, view;
        await using (var report = await ReportPage.OpenAsync(_store.ReportPath))
        {
            var before = await ChartViewAsync(report);
            await report.TestId("metric-search").FillAsync("loss");
            await report.TestId("show-runs").CheckAsync();
            await report.TestId("stroke-by").SelectOptionAsync("config:seed");
            await report.TestId("chart-by").SelectOptionAsync("config:optimizer");
            var valid = report.Page.Locator("[data-testid=chart-section][data-section=valid]");
            await valid.Locator("summary").ClickAsync();
            await report.Page.WaitForFunctionAsync("() => location.hash.includes('closed=valid')");
            var chart = report.Page.Locator("[data-testid=chart][data-metric='train/loss']").First;
            await chart.Locator("[data-testid=band]").SelectOptionAsync("minmax");
            await chart.Locator(".legend-item").First.ClickAsync();
            await report.Page.WaitForFunctionAsync("() => location.hash.includes('hidden')");
            url = report.Page.Url;
            view = await ChartViewAsync(report);
            Assert.AreNotEqual(before, view, "the settings changed what the charts show");
            foreach (var key in new[] { "metrics=loss", "runs=1", "stroke=config%3Aseed", "charts=config%3Aoptimizer", "closed=valid", "band%3Dminmax" })
            {
                StringAssert.Contains(url, key);
            }

            StringAssert.Contains(view, "valid closed");
            StringAssert.Contains(view, "train/loss sgd");
            CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
        }

        await using var fresh = await ReportPage.OpenAsync(_store.ReportPath, "#" + url.Split('#', 2)[1]);
        Assert.AreEqual(view, await ChartViewAsync(fresh));
        Assert.AreEqual(url, fresh.Page.Url, "reopening writes nothing new");
        CollectionAssert.AreEqual(Array.Empty<string>(), fresh.ConsoleErrors);
    }

    [TestMethod]
    public async Task Back_and_forward_restore_each_chart_setting_in_turn()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var plain = await ChartViewAsync(report);
        await report.TestId("stroke-by").SelectOptionAsync("config:seed");
        var stroked = await ChartViewAsync(report);
        await report.TestId("show-runs").CheckAsync();
        var withRuns = await ChartViewAsync(report);
        await report.TestId("metric-search").FillAsync("acc");
        await report.Page.WaitForFunctionAsync("() => location.hash.includes('metrics=acc')");
        var searched = await ChartViewAsync(report);

        await report.Page.GoBackAsync();
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=metric-search]').value === ''");
        Assert.AreEqual(withRuns, await ChartViewAsync(report));
        await report.Page.GoBackAsync();
        await report.Page.WaitForFunctionAsync("() => !document.querySelector('[data-testid=show-runs]').checked");
        Assert.AreEqual(stroked, await ChartViewAsync(report));
        await report.Page.GoBackAsync();
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=stroke-by]').value === ''");
        Assert.AreEqual(plain, await ChartViewAsync(report));

        await report.Page.GoForwardAsync();
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=stroke-by]').value === 'config:seed'");
        Assert.AreEqual(stroked, await ChartViewAsync(report));
        await report.Page.GoForwardAsync();
        await report.Page.GoForwardAsync();
        await report.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=metric-search]').value === 'acc'");
        Assert.AreEqual(searched, await ChartViewAsync(report));
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task A_section_closed_just_before_a_search_stays_closed_when_the_search_draws_the_sections_again()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        // The click and the search in one task: the section's toggle event comes after the search has drawn the
        // sections anew, as when a reader types at once (or a loaded machine runs the toggle late).
        await report.Page.EvaluateAsync(@"() => {
            document.querySelector('[data-testid=chart-section][data-section=train] summary').click();
            const search = document.querySelector('[data-testid=metric-search]');
            search.value = 'acc';
            search.dispatchEvent(new Event('input'));
        }");
        await report.Page.WaitForFunctionAsync("() => location.hash.includes('closed=train') && location.hash.includes('metrics=acc')");
        var train = report.Page.Locator("[data-testid=chart-section][data-section=train]");
        await report.WaitUntilAsync("() => !document.querySelector('[data-testid=chart-section][data-section=train]').open");
        Assert.IsFalse(await train.EvaluateAsync<bool>("d => d.open"), "the section the reader closed is drawn closed");
        Assert.AreEqual(0, await train.Locator("[data-testid=chart]").CountAsync());
        Assert.AreEqual(1, await report.Page.Locator("[data-testid=chart-section][data-section=valid] [data-testid=chart]").CountAsync(), "valid_acc matches");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task A_link_with_a_key_the_runs_do_not_have_draws_the_charts_as_without_it()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath, "#/?stroke=config%3Anope&charts=config%3Aoptimizer&runs=maybe");
        Assert.AreEqual("", await report.TestId("stroke-by").InputValueAsync());
        Assert.AreEqual("config:optimizer", await report.TestId("chart-by").InputValueAsync());
        Assert.IsFalse(await report.TestId("show-runs").IsCheckedAsync(), "runs=maybe leaves the page's default");
        Assert.AreEqual(2, await report.Page.Locator("[data-testid=chart][data-metric='train/loss']").CountAsync());
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }
}
