using System.Text.RegularExpressions;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Gates;

[TestClass]
public sealed class ReportBaselineBuildTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void WandbBaseline_is_the_group_the_reports_written_when_the_build_ends_compare_with()
    {
        using var workspace = TestWorkspace.Create("gate-report-baseline");
        // The gated consumer's program without a WandbGate item: only the reports take the baseline.
        workspace.WriteProject(
            "Churn",
            extraProperties: "<Seed Condition=\"'$(Seed)' == ''\">1</Seed><Degrade Condition=\"'$(Degrade)' == ''\">0</Degrade>",
            body: """
                <Target Name="CrossValidate" DependsOnTargets="Build">
                  <Exec Command="dotnet &quot;$(TargetPath)&quot; $(Seed) $(Degrade)" />
                </Target>
                """);
        workspace.WriteFile("Churn/Program.cs", GatedConsumer.Program);
        var environment = workspace.StoreEnvironment();

        var good = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=1", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, good.ExitCode, good.ToString());
        var worse = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=2 -p:Degrade=0.05", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, worse.ExitCode, worse.ToString());
        var worseGroup = GatedConsumer.GroupOf(worse);

        var compared = workspace.DotNet($"build Churn -t:CrossValidate -p:Seed=3 -p:WandbBaseline={worseGroup}", environment: environment, timeout: BuildTimeout);

        Assert.AreEqual(0, compared.ExitCode, compared.ToString());
        var summary = File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "summary.md"));
        StringAssert.Contains(summary, $"Baseline: **{worseGroup.Replace("-", "\\-", StringComparison.Ordinal)}**", "not the best group: " + summary);
        var page = File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "index.html"));
        Assert.AreEqual(worseGroup, Regex.Match(page, "\"baseline_group\":\"([^\"]*)\"").Groups[1].Value, "the page's comparison compares with it too");

        var unset = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=4", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, unset.ExitCode, unset.ToString());
        Assert.IsFalse(File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "summary.md")).Contains($"Baseline: **{worseGroup.Replace("-", "\\-", StringComparison.Ordinal)}**", StringComparison.Ordinal), "without WandbBaseline, the best group");
    }
}
