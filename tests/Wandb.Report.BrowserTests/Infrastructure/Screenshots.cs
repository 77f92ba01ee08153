namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>
/// Where screenshots go: the docs' images folder when WANDB_UPDATE_SCREENSHOTS=1 (to refresh
/// docs/images/report-*.png), else the test output folder, so an ordinary test run leaves the repository clean.
/// </summary>
public static class Screenshots
{
    public static string PathFor(string fileName)
    {
        var folder = System.Environment.GetEnvironmentVariable("WANDB_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "images")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
