using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Wandb.Benchmarks.Harness;

/// <summary>
/// What the browser benchmarks share: one way to start headless Chromium (the system's, or
/// <c>WANDB_TEST_CHROMIUM</c>, as the browser tests do), and the baseline page they measure against.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>Starts Chromium with the background work that would add noise to timings turned off.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = System.Environment.GetEnvironmentVariable("WANDB_TEST_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run" },
        });

    /// <summary>
    /// Writes <c>bare.html</c> beside <paramref name="reportPath"/>: the same file with its page script replaced by
    /// the interactive mark alone (and its policy removed, which would refuse that script), so the time to parse
    /// and lay out the file is measured in the same run as the page's own cost. Returns its path.
    /// </summary>
    public static string WriteScriptFreeCopy(string reportPath)
    {
        var bare = Path.Combine(Path.GetDirectoryName(reportPath)!, "bare.html");
        var withoutScript = Regex.Replace(File.ReadAllText(reportPath), "<script>.*?</script>", "<script>performance.mark('wandb-interactive')</script>", RegexOptions.Singleline);
        File.WriteAllText(bare, Regex.Replace(withoutScript, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", string.Empty));
        return bare;
    }

    /// <summary>
    /// Opens <paramref name="path"/> in a fresh 1440x1000 context and returns when the page has loaded, with the time
    /// of its <c>wandb-interactive</c> mark; the caller closes the context. Throws with the page's errors when
    /// the mark never comes (the context is then closed here).
    /// </summary>
    public static async Task<(IBrowserContext Context, IPage Page, double Interactive)> OpenReportAsync(IBrowser browser, string path, int timeoutMs)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = timeoutMs });
            var mark = await page.EvaluateAsync<double?>("() => performance.getEntriesByName('wandb-interactive')[0]?.startTime ?? null")
                ?? throw new InvalidOperationException("The page never became interactive: " + string.Join("\n", errors));
            return (context, page, mark);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }
}
