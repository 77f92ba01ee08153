namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs Wandb.Sdk once per test run into a local folder feed, with a version unique to this run so the
/// NuGet global cache never serves a stale copy of an earlier build.
/// </summary>
public static class PackageFeed
{
    private static readonly Lazy<(string Directory, string Version)> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Packed.Value.Directory;

    public static string Version => Packed.Value.Version;

    /// <summary>Removes this run's package from the NuGet global cache.</summary>
    public static void CleanUp()
    {
        if (!Packed.IsValueCreated)
        {
            return;
        }

        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(cache, "wandb.sdk", Version.ToLowerInvariant());
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover cache folder costs only disk space.
        }
    }

    private static (string, string) Pack()
    {
        var version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(1000, 9999)}";
        var feed = Path.Combine(TestWorkspace.BaseDirectory, "feed-" + version);
        System.IO.Directory.CreateDirectory(feed);
        var result = ProcessRunner.DotNet(
            $"pack \"{RepositoryPaths.SdkProject}\" -c Release -o \"{feed}\" -p:Version={version} -nologo -v:q",
            RepositoryPaths.Root,
            timeout: TimeSpan.FromMinutes(8));
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"Wandb.Sdk.{version}.nupkg")))
        {
            throw new InvalidOperationException("Packing Wandb.Sdk failed: " + result);
        }

        return (feed, version);
    }
}
