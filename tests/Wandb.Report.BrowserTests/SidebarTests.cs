using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests;

/// <summary>The group list puts the most recently started group first and shows when each group started.</summary>
[TestClass]
public sealed class SidebarTests
{
    private static ReportStore _store = null!;

    [ClassInitialize]
    public static void CreateStore(TestContext context)
    {
        _ = context;
        _store = ReportStore.Create("sidebar");

        // Random-looking ids, as builds and test runs generate them: by name, the newest would be in the middle.
        foreach (var group in new[] { "test-q7k2", "build-zz01", "build-a9x3" })
        {
            for (var i = 0; i < 2; i++)
            {
                _store.AddRun(new RunSpec { Name = group + "-" + i, Group = group, Steps = 2, Metrics = new Dictionary<string, Func<int, double>> { ["loss"] = step => step } });
            }
        }

        _store.WriteReport();
    }

    [ClassCleanup]
    public static void DeleteStore() => _store.Dispose();

    [TestMethod]
    public async Task Groups_are_listed_newest_first_with_the_time_their_first_run_started()
    {
        await using var report = await ReportPage.OpenAsync(_store.ReportPath);

        var labels = await report.Page.Locator("[data-testid=group-list] a .label").AllTextContentsAsync();
        CollectionAssert.AreEqual(new[] { "build-a9x3", "build-zz01", "test-q7k2" }, labels.ToArray());

        using var json = new JsonTextReader(new StringReader(File.ReadAllText(Path.Combine(_store.Directory, "report", "runs.json")))) { DateParseHandling = DateParseHandling.None };
        var runs = JObject.Load(json)["runs"]!;
        foreach (var item in await report.Page.Locator("[data-testid=group-list] li").AllAsync())
        {
            var label = await item.Locator(".label").TextContentAsync();
            var first = runs.Where(r => (string?)r["group"] == label).Min(r => DateTimeOffset.Parse((string)r["created_at"]!, System.Globalization.CultureInfo.InvariantCulture));
            var time = item.Locator("time");
            var shown = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture);
            Assert.AreEqual(first.ToUnixTimeMilliseconds(), shown.ToUnixTimeMilliseconds(), label);
            var expected = await report.Page.EvaluateAsync<string>(
                "ms => { const d = new Date(ms), two = n => String(n).padStart(2, '0'); return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes()); }",
                first.ToUnixTimeMilliseconds());
            Assert.AreEqual(expected, await time.TextContentAsync(), label + ": the local start time");
            Assert.IsTrue(await time.IsVisibleAsync(), label);
        }
    }
}
