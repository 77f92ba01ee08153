using System.Diagnostics;
using System.Globalization;
using Wandb.Benchmarks.Harness;
using Wandb.TestSupport;

namespace Wandb.Benchmarks.Scale;

/// <summary>
/// The refresh row as a user's build meets it: a real <c>dotnet build -t:Train</c> of a consumer project whose program
/// writes 20 runs (100 steps × 4 metrics), into an empty store and into a fresh copy of a generated 100,000-run store.
/// What it times is the end of the build: from the program's last line to the exit of <c>dotnet build</c>, in which
/// the build's MSBuild node waits for its read-ahead if it has not ended, refreshes the reports with code compiled
/// in that process for the first time, and MSBuild ends the build. The same build with <c>WandbReports=false</c>
/// (nothing read ahead or refreshed) gives MSBuild's own end, which both sides share: the ratio is of what the
/// reports add beyond it. Twice: with a program that trains for a few seconds on every core before it logs, as
/// training does, and with one that only logs, where nothing hides the read-ahead (the worst case). Builds take turns
/// round by round; figures are medians. The in-process <c>refresh</c> benchmark measures the refresh alone, warm.
/// </summary>
public sealed class RefreshInBuildBenchmark : IBenchmark
{
    private const int Rounds = 7;

    private const int EarlierRuns = 100_000;

    private const double Target = 1.5;

    /// <summary>What the program prints last: the end of the build is timed from this line.</summary>
    private const string ProgramDone = "wandb-bench: program done";

    /// <summary>The seconds the program trains (keeps every core busy) before it logs, in the first half.</summary>
    private const int TrainingSeconds = 3;

    private enum Kind
    {
        EmptyStore,
        GrownStore,
        NoReports,
    }

    public string Name => "refresh-build";

    public string Description => "reports at the end of a real dotnet build adding 20 runs: 100,000-run store vs empty store, beyond MSBuild's own end, ratio <= 1.5";

    public void Run(BenchmarkReport report)
    {
        var root = BenchmarkReport.TempDirectory("refresh-build");
        LocalPackage? package = null;
        try
        {
            package = LocalPackage.Pack(root);
            package.WriteConsumerSettings(root);
            var project = WriteProject(root, package.Version);
            DotNetStep.Run("build -nologo -v:q -p:WandbReports=false", project, new Dictionary<string, string?> { ["WANDB_DIR"] = Path.Combine(root, "restore-store") });

            var generated = Path.Combine(root, "generated");
            RefreshAfterBuildBenchmark.Generate(generated, EarlierRuns);

            foreach (var training in new[] { TrainingSeconds, 0 })
            {
                report.Line(training > 0 ? $"  a program that trains for {training} s on every core, then logs 20 runs:" : "  a program that only logs 20 runs (nothing hides the read-ahead):");
                Measure(report, root, project, generated, training);
            }
        }
        finally
        {
            package?.DeleteFromCache();
        }
    }

    /// <summary>The builds of each kind, taking turns, and their figures.</summary>
    private static void Measure(BenchmarkReport report, string root, string project, string generated, int training)
    {
        var kinds = Enum.GetValues<Kind>();
        var tails = kinds.ToDictionary(kind => kind, _ => new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var kind in kinds.Skip(round % kinds.Length).Concat(kinds.Take(round % kinds.Length)))
            {
                var store = Path.Combine(root, $"{kind}-{training}-{round}".ToLowerInvariant());
                Prepare(store, kind == Kind.GrownStore ? generated : null);
                tails[kind].Add(EndOfBuild(project, store, reports: kind != Kind.NoReports, training));
                Directory.Delete(store, recursive: true);
            }
        }

        var empty = BenchmarkReport.Median(tails[Kind.EmptyStore]);
        var grown = BenchmarkReport.Median(tails[Kind.GrownStore]);
        var msbuild = BenchmarkReport.Median(tails[Kind.NoReports]);
        report.Figure($"    from the program's last line to the end of dotnet build, into an empty store (median of {Rounds})", empty * 1000, "ms");
        report.Figure(string.Create(CultureInfo.InvariantCulture, $"      the same into a store of {EarlierRuns:N0} earlier runs"), grown * 1000, "ms");
        report.Figure("      the same with WandbReports=false (MSBuild's own end)", msbuild * 1000, "ms");
        report.Line(string.Create(CultureInfo.InvariantCulture, $"      the reports beyond it: {(empty - msbuild) * 1000:0} ms into the empty store, {(grown - msbuild) * 1000:0} ms into {EarlierRuns:N0} runs; the whole end {grown / empty:0.00} times as long"));
        var ratio = (grown - msbuild) / (empty - msbuild);
        report.Ratio(string.Create(CultureInfo.InvariantCulture, $"    {EarlierRuns:N0} earlier runs / empty store, beyond MSBuild's own end ({(training > 0 ? training + " s of training" : "no training")})"), ratio, "<= 1.5", ratio <= Target);
    }

    /// <summary>A new empty store, or a copy of the generated one written out to the disk (outside the clock).</summary>
    private static void Prepare(string store, string? generated)
    {
        if (generated is null)
        {
            Directory.CreateDirectory(store);
        }
        else
        {
            RefreshAfterBuildBenchmark.CopyToDisk(generated, store);
        }
    }

    /// <summary>One build; the seconds from the program's last line to the exit of <c>dotnet build</c>.</summary>
    private static double EndOfBuild(string project, string store, bool reports, int training)
    {
        var arguments = new List<string> { "build", project, "-t:Train", "--no-restore", "-nologo" };
        if (!reports)
        {
            arguments.Add("-p:WandbReports=false");
        }

        using var build = ProcessRunner.Start("dotnet", arguments, new Dictionary<string, string?> { ["WANDB_DIR"] = store, ["BENCH_TRAINING_SECONDS"] = training.ToString(CultureInfo.InvariantCulture) });
        var errors = build.StandardError.ReadToEndAsync();
        var output = new List<string>();
        var clock = Stopwatch.StartNew();
        TimeSpan? programDone = null;
        while (build.StandardOutput.ReadLine() is { } line)
        {
            output.Add(line);
            if (line.Contains(ProgramDone, StringComparison.Ordinal))
            {
                programDone = clock.Elapsed;
            }
        }

        build.WaitForExit();
        var end = clock.Elapsed;
        if (build.ExitCode != 0 || programDone is null)
        {
            throw new InvalidOperationException($"dotnet build -t:Train exited with {build.ExitCode}{(programDone is null ? " before the program's last line" : string.Empty)}:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, output)}{System.Environment.NewLine}{errors.Result}");
        }

        return (end - programDone.Value).TotalSeconds;
    }

    /// <summary>
    /// A console project with a tracked <c>Train</c> target whose program trains for <c>BENCH_TRAINING_SECONDS</c> on every
    /// core, then writes 20 runs: the first joins the target's run, the other 19 are named runs in the build's group, as a
    /// program training several models writes them.
    /// </summary>
    private static string WriteProject(string root, string version)
    {
        var directory = Path.Combine(root, "Model");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Model.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <WandbProject>refresh-build</WandbProject>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="Wandb.Sdk" Version="{version}" /></ItemGroup>
              <Target Name="Train" DependsOnTargets="Build">
                <Exec Command="dotnet &quot;$(TargetPath)&quot;" StandardOutputImportance="high" />
              </Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), $$"""
            using Wandb;

            // Training: every core busy, as ML.NET's trainers keep them, while the build's node reads the store ahead.
            var until = DateTime.UtcNow.AddSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_TRAINING_SECONDS") ?? "0"));
            Parallel.For(0, Environment.ProcessorCount, _ =>
            {
                var spin = 0.0;
                while (DateTime.UtcNow < until)
                {
                    spin = Math.Sqrt(spin + 1);
                }
            });

            for (var fold = 0; fold < 20; fold++)
            {
                using var run = fold == 0 ? Run.Init() : Run.Init(new RunOptions { Name = "fold-" + fold, JobType = "fold" });
                for (var step = 0; step < 100; step++)
                {
                    run.Log(new Dictionary<string, double>
                    {
                        ["loss"] = 1.0 / (step + 1) + (fold * 0.01),
                        ["accuracy"] = 1.0 - (1.0 / (step + 2)),
                        ["auc"] = 0.5 + (step / 250.0),
                        ["learning_rate"] = 0.1 / (1 + step),
                    }, step);
                }
            }

            Console.WriteLine("{{ProgramDone}}");
            """);
        return directory;
    }
}
