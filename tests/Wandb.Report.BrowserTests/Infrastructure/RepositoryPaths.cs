namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The page's sources: package.json, src/ (the modules), test/ (their Node tests).</summary>
    public static string ReportWeb => Path.Combine(Root, "src", "Sdk", "Reports", "Html", "web");

    private static string FindRoot()
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
