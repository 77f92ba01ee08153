namespace Wandb.Benchmarks.Harness;

/// <summary>
/// Wandb.Sdk packed from this repository into a folder feed, under a version of its own, for the benchmarks that run real
/// <c>dotnet build</c> / <c>dotnet test</c> on consumer projects the way users do.
/// </summary>
internal sealed class LocalPackage
{
    private LocalPackage(string feed, string version)
    {
        Feed = feed;
        Version = version;
    }

    /// <summary>The folder feed holding the package.</summary>
    public string Feed { get; }

    /// <summary>The package's version, unique to the benchmark run.</summary>
    public string Version { get; }

    /// <summary>Packs the package into <c>feed</c> under <paramref name="root"/>.</summary>
    public static LocalPackage Pack(string root)
    {
        var feed = Path.Combine(root, "feed");
        var version = $"0.1.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}";
        DotNetStep.Run($"pack \"{Path.Combine(RepositoryRoot(), "src", "Sdk", "Wandb.Sdk.csproj")}\" -c Release -o \"{feed}\" -p:Version={version} -nologo -v:q", root);
        return new LocalPackage(feed, version);
    }

    /// <summary>
    /// Makes <paramref name="root"/> a neutral place for consumer projects: a nuget.config with the feed and nuget.org, and
    /// empty Directory.Build / Directory.Packages files so that nothing of the repository's own build reaches them.
    /// </summary>
    public void WriteConsumerSettings(string root)
    {
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{Feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
            """);
        foreach (var neutral in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(root, neutral), "<Project />");
        }
    }

    /// <summary>Deletes the package's copy in the NuGet cache: its version is of no use after this run.</summary>
    public void DeleteFromCache()
    {
        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(cache, "wandb.sdk", Version);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The repository this benchmark was built from: the folder holding Integration.sln.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Integration.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository (Integration.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
