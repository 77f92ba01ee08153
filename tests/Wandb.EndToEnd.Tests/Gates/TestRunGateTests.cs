using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wandb.EndToEnd.Tests.Infrastructure;
using Wandb.EndToEnd.Tests.TestLogger;

namespace Wandb.EndToEnd.Tests.Gates;

[TestClass]
public sealed class TestRunGateTests
{
    /// <summary>Five folds of one MSTest method, each logging accuracy 0.85 plus fold noise minus the DEGRADE variable.</summary>
    private const string Tests = """
        using System.Globalization;
        using Microsoft.VisualStudio.TestTools.UnitTesting;

        namespace Churn.Tests;

        [TestClass]
        public sealed class ModelTests
        {
            [TestMethod]
            [DataRow(0)] [DataRow(1)] [DataRow(2)] [DataRow(3)] [DataRow(4)]
            public void CrossValidate(int fold)
            {
                var degrade = double.Parse(Environment.GetEnvironmentVariable("DEGRADE") ?? "0", CultureInfo.InvariantCulture);
                var seed = int.Parse(Environment.GetEnvironmentVariable("SEED") ?? "1", CultureInfo.InvariantCulture);
                using var run = Wandb.Run.Init();
                run.Log(new Dictionary<string, double> { ["accuracy"] = 0.85 + (new Random((seed * 100) + fold).NextDouble() * 0.01) - degrade });
                Assert.IsFalse(fold == 4 && Environment.GetEnvironmentVariable("FAIL_LAST_FOLD") == "1", "the last fold failed");
            }
        }
        """;

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void Dotnet_test_with_the_logger_gates_the_test_runs_of_that_invocation_and_still_gates_them_when_a_test_failed()
    {
        using var workspace = TestWorkspace.Create("gate-test");
        MlTestProject.WriteVsTestProjectFile(workspace, "Churn.Tests");
        AddGatedFoldTests(workspace, "Churn.Tests");
        var environment = workspace.StoreEnvironment();
        var timeout = TimeSpan.FromMinutes(6);

        var first = workspace.DotNet("test Churn.Tests --logger wandb", environment: environment, timeout: timeout);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Contains(first.StandardOutput, "warning WANDB203", "no baseline yet: " + first);

        environment["SEED"] = "2";
        var noise = workspace.DotNet("test Churn.Tests --logger wandb", environment: environment, timeout: timeout);
        Assert.AreEqual(0, noise.ExitCode, noise.ToString());
        StringAssert.Contains(noise.StandardOutput, "accuracy of job type CrossValidate in group test-");
        StringAssert.Contains(noise.StandardOutput, ": unchanged");

        environment["DEGRADE"] = "0.03";
        var worse = workspace.DotNet("test Churn.Tests --logger wandb", environment: environment, timeout: timeout);

        Assert.AreNotEqual(0, worse.ExitCode, worse.ToString());
        StringAssert.Contains(worse.StandardOutput, "error WANDB200");
        StringAssert.Contains(worse.StandardOutput, ": regressed (lower than the baseline by more than the tolerance 0.005)");
        Assert.IsFalse(worse.StandardOutput.Contains("Failed!", StringComparison.Ordinal), "every test passed; the gate failed the command: " + worse);

        // A failed test fails the command before the build could gate: the logger gates its own runs and says so.
        // auto now compares with the last finished group, the degraded one: degrade further.
        environment["SEED"] = "3";
        environment["DEGRADE"] = "0.06";
        environment["FAIL_LAST_FOLD"] = "1";
        var failing = workspace.DotNet("test Churn.Tests --logger wandb", environment: environment, timeout: timeout);

        Assert.AreNotEqual(0, failing.ExitCode, failing.ToString());
        var group = Regex.Match(failing.StandardOutput, @"accuracy of job type CrossValidate in group (test-[a-z0-9]{8}): regressed").Groups[1].Value;
        Assert.AreNotEqual(string.Empty, group, failing.ToString());
        StringAssert.Contains(failing.StandardOutput, "wandb: error WANDB200: accuracy of job type CrossValidate in group " + group);
        var gates = JsonNode.Parse(File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "runs.json")))!["gates"]!.AsArray();
        var entry = gates.Single()!;
        Assert.AreEqual(group, (string?)entry["group"], "the report the logger wrote lists this test run's verdict");
        Assert.AreEqual("regressed", (string?)entry["verdict"]);
        Assert.AreEqual(5, (int)entry["current"]!["n"]!, "all five folds of this invocation, the failed one included");
    }

    /// <summary>Adds the fold tests and a rule on their accuracy (tolerance 0.005) to a test project already written.</summary>
    internal static void AddGatedFoldTests(TestWorkspace workspace, string name)
    {
        var project = File.ReadAllText(Path.Combine(workspace.Root, name, name + ".csproj"));
        workspace.WriteFile($"{name}/{name}.csproj", project.Replace("</Project>", """
              <ItemGroup>
                <WandbGate Include="accuracy" Tolerance="0.005" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        workspace.WriteFile($"{name}/ModelTests.cs", Tests);
    }
}
