using Wandb.Benchmarks.Harness;

namespace Wandb.Benchmarks.MSBuild;

/// <summary>
/// What the package costs a build: an incremental `dotnet build` of a project without tracked targets, with
/// and without the package (target: under 5% more), and a tracked target with tracking on and off
/// (target: under 100 ms added). Builds alternate so machine noise hits both sides; figures are medians.
/// </summary>
public sealed class MSBuildOverheadBenchmark : IBenchmark
{
    private const int Repetitions = 7;

    public string Name => "msbuild";

    public string Description => "dotnet build overhead of the package: untracked project < 5%, tracked target < 100 ms";

    public void Run(BenchmarkReport report)
    {
        var root = BenchmarkReport.TempDirectory("msbuild");
        try
        {
            var version = $"0.1.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}";
            var feed = Path.Combine(root, "feed");
            report.Line("  packing Wandb.Sdk " + version);
            DotNetProcess.Run($"pack \"{Path.Combine(RepositoryRoot(), "src", "Sdk", "Wandb.Sdk.csproj")}\" -c Release -o \"{feed}\" -p:Version={version} -nologo -v:q", root);
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
                """);
            foreach (var neutral in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            {
                File.WriteAllText(Path.Combine(root, neutral), "<Project />");
            }

            var store = new Dictionary<string, string> { ["WANDB_DIR"] = Path.Combine(root, "store") };
            var without = WriteProject(root, "Without", reference: null);
            var with = WriteProject(root, "With", reference: version);
            foreach (var project in new[] { without, with })
            {
                DotNetProcess.Run("build -nologo -v:q", project, store);
            }

            var plain = new List<double>();
            var package = new List<double>();
            var untracked = new List<double>();
            var tracked = new List<double>();
            for (var i = 0; i < Repetitions; i++)
            {
                plain.Add(Time(() => DotNetProcess.Run("build --no-restore -nologo -v:q", without, store)));
                package.Add(Time(() => DotNetProcess.Run("build --no-restore -nologo -v:q", with, store)));
                untracked.Add(Time(() => DotNetProcess.Run("build --no-restore -nologo -v:q -t:Train -p:WandbEnabled=false", with, store)));
                tracked.Add(Time(() => DotNetProcess.Run("build --no-restore -nologo -v:q -t:Train", with, store)));
            }

            var plainMedian = BenchmarkReport.Median(plain);
            var packageMedian = BenchmarkReport.Median(package);
            report.Figure("incremental build without the package (median)", plainMedian * 1000, "ms");
            report.Figure("incremental build with the package, no tracked target", packageMedian * 1000, "ms");
            report.Ratio("with / without", packageMedian / plainMedian, "< 1.05", packageMedian / plainMedian < 1.05);

            var untrackedMedian = BenchmarkReport.Median(untracked);
            var trackedMedian = BenchmarkReport.Median(tracked);
            var added = (trackedMedian - untrackedMedian) * 1000;
            report.Figure("-t:Train with WandbEnabled=false (median)", untrackedMedian * 1000, "ms");
            report.Figure("-t:Train tracked: run, Exec variables, report at end", trackedMedian * 1000, "ms");
            report.Figure("added by tracking the target", added, "ms");
            report.Ratio("added ms / 100 ms budget", added / 100, "< 1", added < 100);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string WriteProject(string root, string name, string? reference)
    {
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        var package = reference is null ? string.Empty : $"<ItemGroup><PackageReference Include=\"Wandb.Sdk\" Version=\"{reference}\" /></ItemGroup>";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Library</OutputType></PropertyGroup>
              {package}
              <Target Name="Train"><Message Text="training" /></Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Model.cs"), "namespace Bench; public static class Model { public static int Trees => 200; }");
        return directory;
    }

    private static double Time(Action action)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Integration.sln not found above " + AppContext.BaseDirectory);
    }
}
