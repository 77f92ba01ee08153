namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs the dotnet wandb tool (Wandb.Cli) once per test run into the same local feed as Wandb.Sdk, with the
/// same version, after the SDK (both builds share the SDK's Release output, so they never run at once).
/// </summary>
public static class ToolPackage
{
    private static readonly Lazy<string> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The feed folder holding Wandb.Cli.&lt;version&gt;.nupkg.</summary>
    public static string Feed => Packed.Value;

    public static string Version => PackageFeed.Version;

    public static string CliProject => Path.Combine(RepositoryPaths.Root, "src", "Cli", "Wandb.Cli.csproj");

    /// <summary>Removes this run's tool package from the NuGet global cache.</summary>
    public static void CleanUp()
    {
        if (!Packed.IsValueCreated)
        {
            return;
        }

        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            var folder = Path.Combine(cache, "wandb.cli", Version.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover cache folder costs only disk space.
        }
    }

    private static string Pack()
    {
        var feed = PackageFeed.Directory;
        var result = ProcessRunner.DotNet(
            $"pack \"{CliProject}\" -c Release -o \"{feed}\" -p:Version={Version} -nologo -v:q",
            RepositoryPaths.Root,
            timeout: TimeSpan.FromMinutes(8));
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"Wandb.Cli.{Version}.nupkg")))
        {
            throw new InvalidOperationException("Packing Wandb.Cli failed: " + result);
        }

        return feed;
    }
}
