using Microsoft.Playwright;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests.Live;

/// <summary>The report page served by <c>dotnet wandb ui</c>: runs logged by another process appear while the page is open.</summary>
[TestClass]
public sealed class LiveUiTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task A_page_opened_before_any_run_shows_the_group_and_its_charts_when_another_process_logs_without_reloading()
    {
        var store = Path.Combine(Path.GetTempPath(), "wandb-browser-tests", "live-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        await using var server = await LiveServer.StartAsync(store);
        var context = await Chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            var foreign = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
            page.PageError += (_, e) => errors.Add(e);
            page.Request += (_, r) => { if (!r.Url.StartsWith(server.Url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)) { foreign.Add(r.Url); } };
            await page.GotoAsync(server.Url.ToString());
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            Assert.AreEqual(0, await page.Locator("[data-testid=chart]").CountAsync(), "no run, no chart yet");
            await page.EvaluateAsync("() => { window.wandbSamePage = true; }");

            using (var writer = WriterProcess.Start(store, "live-group", rows: 120))
            {
                await writer.WaitForExitAsync();
                Assert.AreEqual(0, writer.ExitCode, await writer.StandardError.ReadToEndAsync());
            }

            var group = page.Locator("[data-testid=group-list]").GetByText("live-group");
            await group.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            await page.Locator("[data-testid=chart][data-metric=m0]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            var lines = await page.Locator("[data-testid=chart][data-metric=m0]").GetAttributeAsync("data-lines");

            Assert.IsTrue(await page.EvaluateAsync<bool>("() => window.wandbSamePage === true"), "the page was not reloaded");
            Assert.AreEqual("1", lines, "one line: the group's");
            Assert.AreEqual(3, await page.Locator("[data-testid=chart]").CountAsync(), "a chart per metric m0, m1, m2");
            StringAssert.Contains(await page.Locator("[data-testid=runs-table]").InnerTextAsync(), "live-group");

            await page.GotoAsync(server.Url + "#/group/live-group");
            await page.WaitForSelectorAsync("[data-testid=group-title]");
            StringAssert.Contains(await page.Locator("[data-testid=group-title]").InnerTextAsync(), "live-group");
            Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
            Assert.AreEqual(0, foreign.Count, "requests only to the server itself: " + string.Join(", ", foreign));
        }
        finally
        {
            await context.CloseAsync();
            try
            {
                Directory.Delete(store, recursive: true);
            }
            catch (IOException)
            {
                // Cleaned with the temp folder later.
            }
        }
    }
}
