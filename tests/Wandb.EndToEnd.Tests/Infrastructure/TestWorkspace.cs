using System.Text;

namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A temporary folder outside the repository where a test writes consumer projects that reference the
/// packed Wandb.Sdk, with a nuget.config pointing at the local feed and empty Directory.Build files so
/// nothing from the machine leaks in.
/// </summary>
public sealed class TestWorkspace : IDisposable
{
    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "wandb-e2e");

    private TestWorkspace(string directory) => Root = directory;

    public string Root { get; }

    /// <summary>Where runs go when tests pass <see cref="StoreEnvironment"/>.</summary>
    public string StoreDirectory => Path.Combine(Root, "store");

    /// <summary>Environment that points WANDB_DIR at <see cref="StoreDirectory"/>.</summary>
    public Dictionary<string, string?> StoreEnvironment() => new() { ["WANDB_DIR"] = StoreDirectory };

    public static TestWorkspace Create(string name)
    {
        var directory = Path.Combine(BaseDirectory, $"{name}-{Guid.NewGuid():N}".Substring(0, Math.Min(name.Length + 13, 60)));
        Directory.CreateDirectory(directory);
        var workspace = new TestWorkspace(directory);
        workspace.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{PackageFeed.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        workspace.WriteFile("Directory.Build.props", "<Project />");
        workspace.WriteFile("Directory.Build.targets", "<Project />");
        workspace.WriteFile("Directory.Packages.props", "<Project />");
        return workspace;
    }

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes a net10.0 project that references the packed Wandb.Sdk, plus any extra project XML.</summary>
    public string WriteProject(string name, string outputType = "Exe", string extraProperties = "", string extraItems = "", string body = "")
    {
        return WriteFile(Path.Combine(name, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Wandb.Sdk" Version="{PackageFeed.Version}" />
                {extraItems}
              </ItemGroup>
              {body}
            </Project>
            """);
    }

    public ProcessResult DotNet(string arguments, string? relativeDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        ProcessRunner.DotNet(arguments, relativeDirectory is null ? Root : Path.Combine(Root, relativeDirectory), environment, timeout);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; never fail a test over a temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
