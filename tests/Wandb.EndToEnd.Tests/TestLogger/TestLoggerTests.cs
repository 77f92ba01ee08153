using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

[TestClass]
public sealed class TestLoggerTests
{
    private static readonly TimeSpan DotNetTimeout = TimeSpan.FromMinutes(6);

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Dotnet_test_with_the_wandb_logger_records_a_grouped_run_per_test_result()
    {
        using var workspace = TestWorkspace.Create("logger-vstest");
        MlTestProject.WriteVsTest(workspace, "Churn.Tests");

        var result = workspace.DotNet(
            "test Churn.Tests --logger \"wandb;project=churn;colour=blue\"",
            environment: workspace.StoreEnvironment(),
            timeout: DotNetTimeout);

        // One test fails on purpose; the logger must not change the exit code or break the run.
        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "Failed:     1, Passed:    13", result.ToString());
        StringAssert.Contains(result.Output, "WANDB051", "an unknown parameter gets a clear message");
        StringAssert.Contains(result.Output, "'colour'");
        AssertRecordedLikeAUserExpects(workspace, "churn");
        StringAssert.Contains(result.StandardOutput, "wandb:   CrossValidate: 10 runs (10 passed, 0 failed)");
        StringAssert.Contains(result.StandardOutput, "#/group/test-");
        Assert.IsTrue(File.Exists(Path.Combine(workspace.StoreDirectory, "report", "runs.json")), "the reports are refreshed at the end");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void The_same_tests_on_MSTest_Sdk_record_the_same_runs_with_the_report_wandb_option()
    {
        using var workspace = TestWorkspace.Create("logger-mtp");
        MlTestProject.WriteTestingPlatform(workspace, "Churn.Tests");

        var result = workspace.DotNet(
            "test --project Churn.Tests --report-wandb project=churn",
            environment: workspace.StoreEnvironment(),
            timeout: DotNetTimeout);

        Assert.AreNotEqual(0, result.ExitCode, "one test fails on purpose: " + result);
        StringAssert.Contains(result.Output, "failed: 1", result.ToString());
        AssertRecordedLikeAUserExpects(workspace, "churn");
        Assert.AreEqual(1, result.StandardOutput.Split("wandb: group test-").Length - 1, "the summary is printed once, also when dotnet test shows a failing app's own output: " + result);
        StringAssert.Contains(result.StandardOutput, "wandb:   Regression: 1 run (0 passed, 1 failed)");
        StringAssert.Contains(result.StandardOutput, "#/group/test-");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Two_test_projects_in_one_dotnet_test_of_a_solution_share_one_group()
    {
        using var workspace = TestWorkspace.Create("logger-sln");
        foreach (var name in new[] { "Churn.Tests", "Fraud.Tests" })
        {
            MlTestProject.WriteVsTestProjectFile(workspace, name);
            workspace.WriteFile($"{name}/FoldTests.cs", $$"""
                using Microsoft.VisualStudio.TestTools.UnitTesting;
                namespace {{name}};
                [TestClass]
                public sealed class FoldTests
                {
                    [TestMethod] [DataRow(0)] [DataRow(1)] [DataRow(2)]
                    public void Fold(int fold) => Assert.IsGreaterThanOrEqualTo(0, fold);
                }
                """);
        }

        Assert.AreEqual(0, workspace.DotNet("new sln -n Models --format sln", timeout: DotNetTimeout).ExitCode);
        Assert.AreEqual(0, workspace.DotNet("sln Models.sln add Churn.Tests Fraud.Tests", timeout: DotNetTimeout).ExitCode);

        var stepSummary = Path.Combine(workspace.Root, "step-summary.md");
        var environment = workspace.StoreEnvironment();
        environment["GITHUB_STEP_SUMMARY"] = stepSummary;

        var result = workspace.DotNet("test Models.sln --logger wandb", environment: environment, timeout: DotNetTimeout);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var runs = RecordedRun.ReadAll(new StoreFiles(workspace.StoreDirectory));
        Assert.HasCount(6, runs, "3 folds in each of the 2 projects");
        var group = runs.Select(r => r.Group).Distinct().Single();
        StringAssert.StartsWith(group, "test-", "generated once per dotnet test invocation");
        CollectionAssert.AreEquivalent(new long[] { 0, 1, 2, 0, 1, 2 }, runs.Select(r => (long)r.Config["fold"]!).ToArray());
        // Markdown escapes the '-' of the group name; both projects append their summary.
        var published = File.ReadAllText(stepSummary).Replace("\\", string.Empty, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(2, published.Split(group!).Length - 1, "each project appends its summary to the GitHub job summary: " + published);
    }

    private static void AssertRecordedLikeAUserExpects(TestWorkspace workspace, string project)
    {
        var store = new StoreFiles(workspace.StoreDirectory);
        var runs = RecordedRun.ReadAll(store);
        Assert.HasCount(14, runs, "one run per test result, and none twice for the tests that opened their own run");
        var group = runs.Select(r => r.Group).Distinct().Single();
        Assert.IsNotNull(group);
        Assert.IsTrue(store.RunIds.All(id => (string?)store.Metadata(id)["project"] == project), "the project parameter is applied");
        Assert.HasCount(14, store.BatchRecords(), "the logger records each result as one line of its batch file");

        var folds = runs.Where(r => r.JobType == "CrossValidate").ToList();
        Assert.HasCount(10, folds, "data rows of one method share its job type");
        CollectionAssert.AreEquivalent(
            new[] { "0/1", "1/1", "2/1", "3/1", "4/1", "0/2", "1/2", "2/2", "3/2", "4/2" },
            folds.Select(r => $"{(long)r.Config["fold"]!}/{(long)r.Config["seed"]!}").ToArray(),
            "fold and seed are config, named by the method's parameters");
        Assert.IsTrue(folds.All(r => r.State == "finished" && (string?)r.Summary["outcome"] == "passed"));
        Assert.IsTrue(folds.All(r => r.Name.StartsWith("CrossValidate (", StringComparison.Ordinal)), "the name is the display name");
        Assert.IsTrue(folds.All(r => r.Writers == 2 && r.HistoryRows == 1), "a plain Run.Init in each data row joins that row's run: " + string.Join(", ", folds.Select(r => $"{r.Name}: {r.Writers} writers, {r.HistoryRows} rows")));
        CollectionAssert.AreEquivalent(
            folds.Select(r => Math.Round(0.8 + (long)r.Config["fold"]! / 100.0, 6)).ToArray(),
            folds.Select(r => Math.Round(store.HistoryRows(r.Id).Single()["auc"]!.GetValue<double>(), 6)).ToArray(),
            "each row's metric lands on that row's run");

        Assert.AreEqual("Evaluate", runs.Single(r => r.JobType == "eval").Name, "wandb.job_type overrides the job type");

        var failing = runs.Single(r => r.JobType == "Regression");
        Assert.AreEqual("failed", failing.State);
        Assert.AreEqual("failed", (string?)failing.Summary["outcome"]);
        StringAssert.Contains((string?)failing.Summary["error"], "accuracy 0.41 is below 0.80");
        Assert.IsGreaterThanOrEqualTo(0.0, (double)failing.Summary["duration"]!);

        var training = runs.Single(r => r.JobType == "Training");
        Assert.AreEqual(2, training.Writers, "the test's own writer and the logger's share the run");
        Assert.AreEqual(5, training.HistoryRows, "the metrics the test logged are in its run's history");
        Assert.AreEqual("passed", (string?)training.Summary["outcome"]);
        Assert.AreEqual("finished", training.State);

        var tuning = runs.Single(r => r.JobType == "Tuning");
        Assert.AreEqual(2, tuning.Writers, "a plain Run.Init inside a test joins the test's run");
        Assert.AreEqual(2, tuning.HistoryRows);
        Assert.AreEqual("Tuning", tuning.Name);
    }
}
