using Microsoft.Playwright;

namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run: Debian's browser (Playwright's own download does not work
/// here), found through WANDB_TEST_CHROMIUM, with everything that would phone home switched off.
/// </summary>
[TestClass]
public static class Chromium
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string ExecutablePath =>
        System.Environment.GetEnvironmentVariable("WANDB_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started.");

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run" },
            Timeout = 60_000,
        });

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at '{ExecutablePath}'. Install the apt package 'chromium' or set WANDB_TEST_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchAsync(_playwright);
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
