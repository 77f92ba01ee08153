namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>Locates the repository the tests run from, by walking up to Integration.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"Integration.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootLazy.Value;

    public static string SdkProject => Path.Combine(Root, "src", "Sdk", "Wandb.Sdk.csproj");
}
