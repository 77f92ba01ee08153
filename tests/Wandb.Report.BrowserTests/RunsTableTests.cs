using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>The runs table like W&amp;B's: default columns, the column picker, sorting, CSV export, keyboard and dark mode.</summary>
[TestClass]
public sealed class RunsTableTests
{
    private static readonly double[] LearningRates = { 0.1, 0.3, 0.2 };
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("runs-table");
        for (var i = 0; i < 6; i++)
        {
            var quality = 0.5 + (0.07 * i);
            _store.AddRun(new RunSpec
            {
                Name = $"run-{i}",
                Group = "g" + (i % 2),
                Config = new Dictionary<string, object?> { ["lr"] = LearningRates[i % 3], ["batch"] = 32 },
                Metrics = new Dictionary<string, Func<int, double>>
                {
                    ["loss"] = step => (1.0 / (1 + (quality * step))) + (0.013 * i),
                    ["acc"] = step => quality * (1 - Math.Exp(-0.2 * (step + 1))),
                },
                Steps = 5,
            });
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task The_table_shows_the_varying_config_and_the_metrics_and_the_picker_adds_and_removes_columns()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        var headings = await report.ColumnHeadingsAsync();
        CollectionAssert.IsSubsetOf(new[] { "Name", "group", "state", "lr", "acc", "loss" }, headings);
        CollectionAssert.DoesNotContain(headings, "batch", "batch is 32 in every run: not shown until picked");

        await report.TestId("column-picker").ClickAsync();
        await report.Page.GetByRole(AriaRole.Checkbox, new() { Name = "batch", Exact = true }).CheckAsync();
        await report.Page.GetByRole(AriaRole.Checkbox, new() { Name = "lr", Exact = true }).UncheckAsync();

        headings = await report.ColumnHeadingsAsync();
        CollectionAssert.Contains(headings, "batch");
        CollectionAssert.DoesNotContain(headings, "lr");
        Assert.IsTrue(await report.Page.GetByRole(AriaRole.Checkbox, new() { Name = "batch", Exact = true }).IsVisibleAsync(), "the picker stays open while picking");
        CollectionAssert.AreEqual(Array.Empty<string>(), report.ConsoleErrors);
    }

    [TestMethod]
    public async Task Sorting_by_a_metric_orders_the_runs_by_its_value_and_a_second_click_reverses_it()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("group-toggle").ClickAsync();
        var loss = Runs().ToDictionary(r => (string)r["name"]!, r => (double)r["summary"]!["loss"]!);

        await report.Page.Locator("button.sort[data-col='summary:loss']").ClickAsync();
        CollectionAssert.AreEqual(loss.OrderByDescending(p => p.Value).Select(p => p.Key).ToArray(), await RunNamesAsync(report), "a metric sorts highest first");
        Assert.AreEqual("descending", await report.Page.Locator("th:has(button.sort[data-col='summary:loss'])").GetAttributeAsync("aria-sort"));

        await report.Page.Locator("button.sort[data-col='summary:loss']").ClickAsync();
        CollectionAssert.AreEqual(loss.OrderBy(p => p.Value).Select(p => p.Key).ToArray(), await RunNamesAsync(report));
    }

    [TestMethod]
    public async Task The_csv_export_holds_the_rows_as_shown_with_the_chosen_aggregate_in_group_rows_and_the_values_of_runs_json()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        var runs = Runs();
        var lossAgg = report.Page.Locator("th:has(button.sort[data-col='summary:loss']) [data-testid=col-agg]");
        for (var i = 0; i < 3; i++)
        {
            await lossAgg.ClickAsync();
        }

        Assert.AreEqual("max", await lossAgg.TextContentAsync());
        var grouped = await ExportAsync(report);
        Assert.AreEqual("row,id,Name", string.Join(",", grouped[0].Take(3)));
        var lossColumn = Array.IndexOf(grouped[0], "loss (max)");
        Assert.IsTrue(lossColumn > 0, "the heading names the statistic: " + string.Join(",", grouped[0]));
        Assert.AreEqual(2, grouped.Count(r => r[0] == "group"));
        foreach (var row in grouped.Where(r => r[0] == "group"))
        {
            var expected = runs.Where(r => (string?)r["group"] == row[2]).Max(r => (double)r["summary"]!["loss"]!);
            Assert.AreEqual(expected, double.Parse(row[lossColumn], CultureInfo.InvariantCulture), 1e-12, "group " + row[2] + " carries the max shown, not the mean");
        }

        await report.Page.GetByRole(AriaRole.Button, new() { Name = "Expand all" }).ClickAsync();
        var open = await ExportAsync(report);
        Assert.AreEqual(8, open.Length - 1, "2 group rows and 6 run rows, as shown");
        var lrColumn = Array.IndexOf(open[0], "lr (mean)");
        foreach (var row in open.Where(r => r[0] == "run"))
        {
            var run = runs.Single(r => (string)r["id"]! == row[1]);
            Assert.AreEqual((string)run["name"]!, row[2]);
            Assert.AreEqual((double)run["summary"]!["loss"]!, double.Parse(row[lossColumn], CultureInfo.InvariantCulture), 1e-12);
            Assert.AreEqual((double)run["config"]!["lr"]!, double.Parse(row[lrColumn], CultureInfo.InvariantCulture));
        }

        await report.TestId("group-toggle").ClickAsync();
        var flat = await ExportAsync(report);
        CollectionAssert.AreEquivalent(runs.Select(r => (string)r["id"]!).ToArray(), flat.Skip(1).Select(r => r[1]).ToArray(), "ungrouped: every run once");
        Assert.IsTrue(flat.Skip(1).All(r => r[0] == "run"));
        CollectionAssert.Contains(flat[0], "loss", "no statistic without groups");
    }

    [TestMethod]
    public async Task The_arrow_keys_move_between_rows_and_the_focus_is_visible()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);
        await report.TestId("group-toggle").ClickAsync();
        var first = report.Page.Locator("[data-testid=runs-table] tr[data-row='0'] a");
        await first.FocusAsync();

        await report.Page.Keyboard.PressAsync("ArrowDown");
        await report.Page.Keyboard.PressAsync("ArrowDown");

        Assert.AreEqual("2", await report.Page.EvaluateAsync<string>("() => document.activeElement.closest('tr').dataset.row"));
        Assert.AreNotEqual("none", await report.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"), "the focused link shows an outline");
        await report.Page.Keyboard.PressAsync("End");
        Assert.AreEqual("5", await report.Page.EvaluateAsync<string>("() => document.activeElement.closest('tr').dataset.row"));
    }

    [TestMethod]
    public async Task Dark_mode_follows_the_system_setting()
    {
        await using var light = await ReportPage.OpenAsync(_store.ReportPath);
        await using var dark = await ReportPage.OpenAsync(_store.ReportPath, colorScheme: ColorScheme.Dark);

        const string Brightness = "() => { const [r, g, b] = getComputedStyle(document.querySelector('.table-wrap')).backgroundColor.match(/\\d+/g).map(Number); return r + g + b; }";
        Assert.IsTrue(await light.Page.EvaluateAsync<int>(Brightness) > 600, "light panels");
        Assert.IsTrue(await dark.Page.EvaluateAsync<int>(Brightness) < 150, "dark panels");
        Assert.AreEqual(await light.RunRowCountAsync(), await dark.RunRowCountAsync());
    }

    /// <summary>The runs as runs.json, written beside the report, holds them.</summary>
    private static JArray Runs() =>
        (JArray)JObject.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(_store.ReportPath)!, "runs.json")))["runs"]!;

    private static async Task<string[]> RunNamesAsync(ReportPage report) =>
        (await report.Page.Locator("[data-testid=runs-table] tr.run-row td.name a").AllTextContentsAsync()).ToArray();

    internal static async Task<string[][]> ExportAsync(ReportPage report)
    {
        var download = await report.Page.RunAndWaitForDownloadAsync(() => report.TestId("export-csv").ClickAsync());
        Assert.AreEqual("runs.csv", download.SuggestedFilename);
        return ParseCsv(await File.ReadAllTextAsync(await download.PathAsync()));
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static string[][] ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (quoted && c == '"' && next == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (!quoted && c == '\r' && next == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields.ToArray());
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.AreEqual(0, field.Length + fields.Count, "the file ends with a line break");
        return records.ToArray();
    }
}
