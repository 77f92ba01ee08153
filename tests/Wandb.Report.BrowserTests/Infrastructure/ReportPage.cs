using Microsoft.Playwright;

namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>A report opened from disk in a fresh browser page, recording console errors and every request the page makes.</summary>
public sealed class ReportPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ReportPage(IBrowserContext context, IPage page, string url)
    {
        _context = context;
        Page = page;
        Url = url;
    }

    public IPage Page { get; }

    public string Url { get; }

    public List<string> ConsoleErrors { get; } = new();

    /// <summary>Requests other than the report file itself (the page must make none).</summary>
    public List<string> NetworkRequests { get; } = new();

    public static async Task<ReportPage> OpenAsync(string reportPath, string fragment = "", int width = 1440, int height = 1000, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, ColorScheme = colorScheme });
        var page = await context.NewPageAsync();
        var url = new Uri(reportPath).AbsoluteUri;
        var report = new ReportPage(context, page, url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                report.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => report.ConsoleErrors.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            if (request.Url.Split('#')[0] != url)
            {
                report.NetworkRequests.Add(request.Url);
            }
        };
        await page.GotoAsync(url + fragment);
        try
        {
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        }
        catch (TimeoutException e)
        {
            await context.CloseAsync();
            throw new AssertFailedException("The report never became ready. Console errors:\n" + string.Join("\n", report.ConsoleErrors), e);
        }

        return report;
    }

    public ILocator TestId(string id) => Page.Locator($"[data-testid=\"{id}\"]");

    /// <summary>
    /// Waits up to 5 s for <paramref name="condition"/> (a JavaScript function) to hold in the page, for changes
    /// the page makes in a task of its own (a &lt;details&gt; toggle); the assertions that follow say what was
    /// wrong if it never does.
    /// </summary>
    public async Task WaitUntilAsync(string condition)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, null, new() { Timeout = 5_000 });
        }
        catch (System.TimeoutException)
        {
        }
    }

    /// <summary>Lines drawn by each chart, as the chart reports them after drawing.</summary>
    public async Task<int[]> ChartLinesAsync() =>
        (await TestId("chart").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.lines)")).Select(int.Parse).ToArray();

    public async Task<string[]> GroupRowLabelsAsync() =>
        await Page.Locator("[data-testid=runs-table] tr.group-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.querySelector('.value').textContent)");

    /// <summary>The headings of the runs table's columns, without their sort marks.</summary>
    public async Task<string[]> ColumnHeadingsAsync() =>
        await Page.Locator("[data-testid=runs-table] thead button.sort").EvaluateAllAsync<string[]>("bs => bs.map(b => b.firstChild.textContent)");

    public async Task<int> RunRowCountAsync() => await Page.Locator("[data-testid=runs-table] tr.run-row").CountAsync();

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
