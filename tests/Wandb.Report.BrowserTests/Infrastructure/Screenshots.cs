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
            ? Path.Combine(RepositoryRoot(), "docs", "images")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Integration.sln not found above " + AppContext.BaseDirectory);
    }
}
