using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Gates;

[TestClass]
public sealed class BaselineChoiceTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void On_a_git_repository_with_two_branches_auto_compares_a_feature_build_with_mains_group_not_the_branchs_own()
    {
        using var workspace = TestWorkspace.Create("gate-git");
        GatedConsumer.Write(workspace, "Churn");
        var environment = workspace.StoreEnvironment();
        Git(workspace, "init -q -b main");

        var main = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=1", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, main.ExitCode, main.ToString());
        Git(workspace, "symbolic-ref HEAD refs/heads/feature");
        var worseOnFeature = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=2 -p:Degrade=0.03 -p:WandbGateMode=warn", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, worseOnFeature.ExitCode, worseOnFeature.ToString());
        StringAssert.Contains(worseOnFeature.StandardOutput, "warning WANDB200");

        var fixedOnFeature = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=3", environment: environment, timeout: BuildTimeout);

        Assert.AreEqual(0, fixedOnFeature.ExitCode, fixedOnFeature.ToString());
        StringAssert.Contains(fixedOnFeature.StandardOutput, $"wandb gate: compared with the baseline group {GatedConsumer.GroupOf(main)}", "main's group, not the newer feature group " + GatedConsumer.GroupOf(worseOnFeature));
        StringAssert.Contains(fixedOnFeature.StandardOutput, $"valid.Accuracy of job type fold in group {GatedConsumer.GroupOf(fixedOnFeature)}: unchanged");

        var otherDefault = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=4 -p:WandbBaselineBranch=feature", environment: environment, timeout: BuildTimeout);

        Assert.AreEqual(0, otherDefault.ExitCode, otherDefault.ToString());
        StringAssert.Contains(otherDefault.StandardOutput, $"wandb gate: compared with the baseline group {GatedConsumer.GroupOf(fixedOnFeature)}", "WandbBaselineBranch names the branch to compare with");
    }

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void A_parallel_build_of_two_projects_gates_each_projects_runs_against_its_own_baseline()
    {
        using var workspace = TestWorkspace.Create("gate-m");
        GatedConsumer.Write(workspace, "Churn");
        GatedConsumer.Write(workspace, "Fraud");
        Assert.AreEqual(0, workspace.DotNet("new sln -n Models --format sln").ExitCode);
        var added = workspace.DotNet("sln Models.sln add Churn/Churn.csproj Fraud/Fraud.csproj");
        Assert.AreEqual(0, added.ExitCode, added.ToString());
        var environment = workspace.StoreEnvironment();

        var first = workspace.DotNet("build Models.sln -m:2 -t:CrossValidate -p:Seed=1", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, first.ExitCode, first.ToString());

        var worse = workspace.DotNet("build Models.sln -m:2 -t:CrossValidate -p:Seed=2 -p:Degrade=0.03", environment: environment, timeout: BuildTimeout);

        Assert.AreNotEqual(0, worse.ExitCode, worse.ToString());
        var errors = worse.StandardOutput.Split('\n').Where(l => l.Contains("error WANDB200", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        var group = GatedConsumer.GroupOf(worse);
        Assert.IsTrue(errors.Any(l => l.EndsWith("[" + Path.Combine(workspace.Root, "Churn", "Churn.csproj") + "]", StringComparison.Ordinal)), worse.ToString());
        Assert.IsTrue(errors.Any(l => l.EndsWith("[" + Path.Combine(workspace.Root, "Fraud", "Fraud.csproj") + "]", StringComparison.Ordinal)), worse.ToString());
        Assert.IsTrue(errors.All(l => l.Contains($"in group {group}: regressed", StringComparison.Ordinal) && l.Contains($"baseline group {GatedConsumer.GroupOf(first)}", StringComparison.Ordinal)), string.Join("\n", errors));
        var report = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "runs.json")))!;
        var gates = report["gates"]!.AsArray().Select(g => ((string?)g!["project"], (string?)g["group"], (string?)g["verdict"])).OrderBy(g => g.Item1).ToList();
        CollectionAssert.AreEqual(new[] { ("Churn", group, "regressed"), ("Fraud", group, "regressed") }, gates, "the report written last, on either node, holds both projects' verdicts");
    }

    private static void Git(TestWorkspace workspace, string arguments) =>
        ProcessRunner.Run("git", arguments, workspace.Root).ThrowIfFailed();
}
