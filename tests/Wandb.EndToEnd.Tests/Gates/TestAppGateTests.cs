using Wandb.EndToEnd.Tests.Infrastructure;
using Wandb.EndToEnd.Tests.TestLogger;

namespace Wandb.EndToEnd.Tests.Gates;

/// <summary>
/// The quality gate of Microsoft.Testing.Platform test apps (MSTest.Sdk with --report-wandb): the build writes the rules
/// beside the app, and the app gates its own runs however it is started, failing with a failed test per failing verdict.
/// </summary>
[TestClass]
public sealed class TestAppGateTests
{
    private static readonly TimeSpan DotNetTimeout = TimeSpan.FromMinutes(6);

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void Dotnet_test_on_the_testing_platform_with_report_wandb_passes_on_noise_and_fails_a_regression_with_the_coded_error()
    {
        using var workspace = GatedTestApp("gate-mtp");
        var environment = workspace.StoreEnvironment();

        var first = workspace.DotNet("test --project Churn.Tests --report-wandb", environment: environment, timeout: DotNetTimeout);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Contains(first.StandardOutput, "wandb: warning WANDB203: accuracy of job type CrossValidate", "no baseline yet: " + first);

        environment["SEED"] = "2";
        var noise = workspace.DotNet("test --project Churn.Tests --report-wandb", environment: environment, timeout: DotNetTimeout);
        Assert.AreEqual(0, noise.ExitCode, noise.ToString());
        StringAssert.Contains(noise.StandardOutput, "wandb: gate: accuracy of job type CrossValidate in group test-", noise.ToString());
        StringAssert.Contains(noise.StandardOutput, ": unchanged");
        StringAssert.Contains(noise.StandardOutput, "total: 5", "a passing gate adds no test: " + noise);

        environment["DEGRADE"] = "0.03";
        var worse = workspace.DotNet("test --project Churn.Tests --report-wandb", environment: environment, timeout: DotNetTimeout);

        Assert.AreNotEqual(0, worse.ExitCode, worse.ToString());
        StringAssert.Contains(worse.StandardOutput, "failed wandb gate: accuracy [CrossValidate]", worse.ToString());
        StringAssert.Contains(worse.StandardOutput, "error WANDB200: accuracy of job type CrossValidate in group test-");
        StringAssert.Contains(worse.StandardOutput, ": regressed (lower than the baseline by more than the tolerance 0.005)");
        StringAssert.Contains(worse.StandardOutput, "failed: 1", "only the gate failed, every fold passed: " + worse);
        StringAssert.Contains(worse.StandardOutput, "succeeded: 5");

        environment["SEED"] = "3";
        environment["DEGRADE"] = "0.06";
        var warned = workspace.DotNet("test --project Churn.Tests -p:WandbGateMode=warn --report-wandb", environment: environment, timeout: DotNetTimeout);
        Assert.AreEqual(0, warned.ExitCode, "warn mode leaves the exit code alone: " + warned);
        StringAssert.Contains(warned.StandardOutput, "wandb: warning WANDB200: accuracy of job type CrossValidate in group test-", warned.ToString());
        StringAssert.Contains(warned.StandardOutput, ": regressed");
    }

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void The_test_executable_started_from_anywhere_is_gated_by_the_rules_its_build_wrote_beside_it()
    {
        using var workspace = GatedTestApp("gate-exe");
        Assert.AreEqual(0, workspace.DotNet("build Churn.Tests", timeout: DotNetTimeout).ExitCode);
        var output = Path.Combine(workspace.Root, "Churn.Tests", "bin", "Debug", "net10.0");
        var request = Path.Combine(output, "wandb-test-gate.json");
        Assert.IsTrue(File.Exists(request), "the build writes the request beside the app");
        var app = Path.Combine(output, "Churn.Tests");
        var environment = workspace.StoreEnvironment();

        // Started by hand, the app's project is its working folder's name and its group is per parent process: name both.
        var baseline = ProcessRunner.Run(app, "--report-wandb project=churn;group=exe-1", workspace.Root, environment, DotNetTimeout);
        Assert.AreEqual(0, baseline.ExitCode, baseline.ToString());
        StringAssert.Contains(baseline.StandardOutput, "wandb: warning WANDB203: accuracy of job type CrossValidate", baseline.ToString());

        environment["SEED"] = "2";
        environment["DEGRADE"] = "0.03";
        var worse = ProcessRunner.Run(app, "--report-wandb project=churn;group=exe-2", Path.GetTempPath(), environment, DotNetTimeout);

        Assert.AreEqual(2, worse.ExitCode, "the platform's exit code for failed tests: " + worse);
        StringAssert.Contains(worse.StandardOutput, "wandb: error WANDB200: accuracy of job type CrossValidate in group exe-2: regressed", worse.ToString());
        StringAssert.Contains(worse.StandardOutput, "baseline group exe-1: mean");
        StringAssert.Contains(worse.StandardOutput, "failed wandb gate: accuracy [CrossValidate]");
        Assert.AreEqual(1, Directory.GetFiles(output, "wandb-test-gate.json*").Length, "nothing but the request is left beside the app");

        var untracked = workspace.DotNet("build Churn.Tests -p:WandbEnabled=false", timeout: DotNetTimeout);
        Assert.AreEqual(0, untracked.ExitCode, untracked.ToString());
        Assert.IsFalse(File.Exists(request), "a build without the gate removes the request, so the app stops gating");
        var ungated = ProcessRunner.Run(app, "--report-wandb project=churn;group=exe-3", workspace.Root, environment, DotNetTimeout);
        Assert.AreEqual(0, ungated.ExitCode, ungated.ToString());
        Assert.IsFalse(ungated.StandardOutput.Contains("WANDB200", StringComparison.Ordinal), ungated.ToString());
        StringAssert.Contains(ungated.StandardOutput, "wandb: group exe-3: 5 runs", "the runs are still recorded: " + ungated);
    }

    /// <summary>An MSTest.Sdk project (run on the platform by dotnet test through global.json) with the fold tests and one gate rule.</summary>
    private static TestWorkspace GatedTestApp(string name)
    {
        var workspace = TestWorkspace.Create(name);
        MlTestProject.WriteTestingPlatformProjectFile(workspace, "Churn.Tests");
        TestRunGateTests.AddGatedFoldTests(workspace, "Churn.Tests");
        return workspace;
    }
}
