using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

/// <summary>
/// One method name in two classes, one failing: the class is recorded, <c>job_type=class_method</c> tells the
/// two apart on both test platforms, tests that open their run still join it, and the console summary shows
/// the failing test first, whatever the cut; under Microsoft.Testing.Platform the summary reaches dotnet test's output.
/// </summary>
[TestClass]
public sealed class TestClassTests
{
    private static readonly TimeSpan DotNetTimeout = TimeSpan.FromMinutes(6);

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Two_classes_with_one_method_name_are_told_apart_and_the_failing_one_leads_the_summary()
    {
        using var workspace = TestWorkspace.Create("logger-classes");
        MlTestProject.WriteVsTestProjectFile(workspace, "Humanize.Tests");
        workspace.WriteFile("Humanize.Tests/Tests.cs", HumanizerLikeProject.Tests(failing: true));

        var result = workspace.DotNet("test Humanize.Tests --logger \"wandb;job_type=class_method\"", environment: workspace.StoreEnvironment(), timeout: DotNetTimeout);

        Assert.AreEqual(1, result.ExitCode, "one test fails on purpose: " + result);
        AssertRecordedByClass(workspace);

        var lines = WandbLines(result.StandardOutput);
        var failing = lines.IndexOf("wandb:   BytesTests.HumanizesBytes: 1 run (0 passed, 1 failed)");
        Assert.AreEqual(1, failing, "the failing job type comes right after the group line:\n" + string.Join("\n", lines));
        StringAssert.StartsWith(lines[failing + 1], "wandb:     failed: HumanizesBytes: ", "its test, then its message");
        StringAssert.Contains(lines[failing + 1], HumanizerLikeProject.FailureMessage);
        Assert.IsFalse(lines.Any(l => l.Contains("second line", StringComparison.Ordinal)), "only the message's first line (after MSTest's short heading 'Assertion failed.')");
        CollectionAssert.Contains(lines, "wandb:   ... and 4 more job types (see the report)", "ten job types in all: the failing one and nine of the thirteen passing");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Under_the_testing_platform_job_type_class_method_works_and_dotnet_test_prints_the_summary()
    {
        using var workspace = TestWorkspace.Create("logger-classes-mtp");
        MlTestProject.WriteTestingPlatformProjectFile(workspace, "Humanize.Tests");
        workspace.WriteFile("Humanize.Tests/Tests.cs", HumanizerLikeProject.Tests(failing: false));

        var result = workspace.DotNet("test --project Humanize.Tests --report-wandb job_type=class_method", environment: workspace.StoreEnvironment(), timeout: DotNetTimeout);

        // A passing run: dotnet test shows neither the platform's output device nor the app's own output then.
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var lines = WandbLines(result.StandardOutput);
        Assert.AreEqual(1, lines.Count(l => l.StartsWith("wandb: group test-", StringComparison.Ordinal)), "the summary is printed once:\n" + result);
        StringAssert.StartsWith(lines[0], "wandb: group test-");
        StringAssert.Contains(lines[0], "14 runs (14 passed, 0 failed)");
        CollectionAssert.Contains(lines, "wandb:   AaaTests.A01: 1 run (1 passed, 0 failed)", "job types are named by class and method");
        Assert.IsTrue(lines.Any(l => l.StartsWith("wandb: report: file://", StringComparison.Ordinal) && l.Contains("#/group/test-", StringComparison.Ordinal)), "the report path is printed:\n" + result);
        StringAssert.Contains(result.StandardOutput, Path.Combine(workspace.StoreDirectory, "report", "index.html"), "and listed among the run's file artifacts");
        AssertRecordedByClass(workspace);
    }

    private static void AssertRecordedByClass(TestWorkspace workspace)
    {
        var store = new StoreFiles(workspace.StoreDirectory);
        var runs = RecordedRun.ReadAll(store);
        Assert.HasCount(14, runs, "one run per test result, and none twice for the tests that opened their own run");

        var bytes = runs.Single(r => r.JobType == "BytesTests.HumanizesBytes");
        var size = runs.Single(r => r.JobType == "SizeTests.HumanizesBytes");
        Assert.AreEqual("Humanize.Tests.BytesTests", (string?)bytes.Config["test_class"]);
        Assert.AreEqual("Humanize.Tests.SizeTests", (string?)size.Config["test_class"]);
        Assert.AreEqual("HumanizesBytes", size.Name);
        Assert.IsTrue(size.Writers == 2 && size.HistoryRows == 1, $"a plain Run.Init() joins the test's run under class_method: {size.Writers} writers, {size.HistoryRows} rows");

        var ordinalizes = runs.Single(r => r.JobType == "SizeTests.Ordinalizes");
        Assert.IsTrue(ordinalizes.Writers == 2 && ordinalizes.HistoryRows == 1, $"WandbTest.Init(TestContext) joins too: {ordinalizes.Writers} writers, {ordinalizes.HistoryRows} rows");
        Assert.AreEqual("passed", (string?)ordinalizes.Summary["outcome"]);
    }

    private static List<string> WandbLines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.StartsWith("wandb:", StringComparison.Ordinal)).ToList();
}
