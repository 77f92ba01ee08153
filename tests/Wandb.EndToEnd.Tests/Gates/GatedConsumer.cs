using System.Text.RegularExpressions;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Gates;

/// <summary>
/// A project whose CrossValidate target logs five fold runs of valid.Accuracy: 0.85 plus seed noise (uniform in
/// [0, 0.01), from -p:Seed) minus -p:Degrade, gated by a WandbGate rule on the folds and, with -p:AccuracyFloor, a
/// second rule with that Min.
/// </summary>
internal static class GatedConsumer
{
    public const string Program = """
        using System.Globalization;
        using Wandb;
        var seed = int.Parse(args[0], CultureInfo.InvariantCulture);
        var degrade = double.Parse(args[1], CultureInfo.InvariantCulture);
        for (var fold = 0; fold < 5; fold++)
        {
            var noise = new Random((seed * 100) + fold).NextDouble() * 0.01;
            using var run = Run.Init(new RunOptions { Id = RunId.Generate(), JobType = "fold", Name = $"seed-{seed}-fold-{fold}" });
            run.Summary["valid.Accuracy"] = 0.85 + noise - degrade;
        }
        """;

    public static void Write(TestWorkspace workspace, string name)
    {
        workspace.WriteProject(
            name,
            extraProperties: "<Seed Condition=\"'$(Seed)' == ''\">1</Seed><Degrade Condition=\"'$(Degrade)' == ''\">0</Degrade>",
            extraItems: """
                <WandbGate Include="valid.Accuracy" JobType="fold" Tolerance="0.005" />
                <WandbGate Include="valid.Accuracy" JobType="fold" Min="$(AccuracyFloor)" Condition="'$(AccuracyFloor)' != ''" />
                """,
            body: """
                <Target Name="CrossValidate" DependsOnTargets="Build">
                  <Exec Command="dotnet &quot;$(TargetPath)&quot; $(Seed) $(Degrade)" />
                </Target>
                """);
        workspace.WriteFile($"{name}/Program.cs", Program);
    }

    /// <summary>The group a build announced for its runs.</summary>
    public static string GroupOf(ProcessResult build) =>
        Regex.Match(build.StandardOutput, @"runs of this build are in group (build-[a-z0-9]+)").Groups[1].Value is { Length: > 0 } group
            ? group
            : throw new AssertFailedException("No group announced: " + build);
}
