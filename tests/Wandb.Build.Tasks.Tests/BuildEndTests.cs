using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Wandb.Build.Tasks.Session;
using Wandb.Build.Tasks.Tests.Fakes;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.TestLogger.Reporting;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class BuildEndTests
{
    [TestMethod]
    public void Two_nodes_of_one_build_refresh_the_report_and_append_the_summary_to_GITHUB_STEP_SUMMARY_once()
    {
        using var fixture = new TaskFixture();
        var summary = Path.Combine(fixture.Root, "step-summary.md");
        fixture.Environment.Values["GITHUB_STEP_SUMMARY"] = summary;
        var otherNode = new FakeBuildEngine();
        var onFirstNode = fixture.Start("Train", buildId: "shared01");
        var onSecondNode = fixture.Start("CrossValidate", buildId: "shared01");
        onSecondNode.BuildEngine = otherNode;

        Assert.IsTrue(onFirstNode.Execute());
        Assert.IsTrue(onSecondNode.Execute());
        Assert.IsTrue(fixture.Finish(onFirstNode.RunId, "Train").Execute());
        var finishOnSecond = fixture.Finish(onSecondNode.RunId, "CrossValidate");
        finishOnSecond.BuildEngine = otherNode;
        Assert.IsTrue(finishOnSecond.Execute());
        fixture.Engine.EndBuild();
        otherNode.EndBuild();

        var text = File.ReadAllText(summary);
        Assert.AreEqual(1, Regex.Matches(text, "^# Wandb report", RegexOptions.Multiline).Count, text);
        var runsJson = File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json"));
        StringAssert.Contains(runsJson, onFirstNode.RunId);
        StringAssert.Contains(runsJson, onSecondNode.RunId);
    }

    [TestMethod]
    public void On_Azure_DevOps_the_summary_is_uploaded_with_a_logging_command_once_per_build()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values["TF_BUILD"] = "True";
        fixture.Environment.Values["BUILD_BUILDID"] = "4417";
        var start = fixture.Start("Train", buildId: "azure001");

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        var expected = "##vso[task.uploadsummary]" + Path.Combine(fixture.StoreDirectory, "report", "summary.md");
        Assert.AreEqual(expected, fixture.EndOfBuildConsole.ToString().Trim());
        Assert.AreEqual("ado-4417", fixture.StoredRun(start.RunId).Group, "the pipeline run is the group");
    }

    [TestMethod]
    public void WandbReports_false_leaves_the_report_folder_alone()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        start.WriteReports = false;

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.AreEqual(RunState.Finished, fixture.StoredRun(start.RunId).State);
        Assert.IsFalse(Directory.Exists(Path.Combine(fixture.StoreDirectory, "report")));
    }

    [TestMethod]
    public void A_build_s_refresh_lists_its_failed_runs_while_a_test_run_s_leaves_them_to_the_logger_s_summary()
    {
        using var fixture = new TaskFixture();
        var consoles = new ConcurrentDictionary<string, IReadOnlyList<string>>();
        var start = fixture.Start("Train");
        start.CreateSession = () => new BuildSession(new ReportRefresh(fixture.EndOfBuildOutput, fixture.EndOfBuildConsole, fixture.Root)
        {
            WriteReports = (store, options) => Keep(consoles, "build", ReportWriter.WriteAll(store, options)),
        });
        var testOutput = new RecordingOutput();
        var testRun = new TestSessionReporter(LoggerParameters.Parse(new Dictionary<string, string?>()), new ReporterEnvironment
        {
            Variables = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DIR"] = fixture.StoreDirectory, ["WANDB_DISABLE_GIT"] = "true" }),
            Export = (_, _) => { },
            Output = testOutput,
            CurrentDirectory = fixture.Root,
            WriteReports = (store, options) => Keep(consoles, "test run", ReportWriter.WriteAll(store, options)),
        });

        // The Train target fails: its After task never runs, and the end of the build closes its run as failed.
        Assert.IsTrue(start.Execute());
        fixture.Engine.EndBuild();
        testRun.Start("4242_8d1f");
        testRun.Record(new TestResultInfo { FullyQualifiedName = "Churn.Tests.ModelTests.Regression", DisplayName = "Regression", Source = typeof(BuildEndTests).Assembly.Location, Outcome = TestOutcome.Failed, ErrorMessage = "f1 0.41 is below 0.80" });
        testRun.Complete();

        var build = consoles["build"];
        Assert.IsTrue(build.Any(l => l.Contains("did not finish (1 failed):", StringComparison.Ordinal)), string.Join("\n", build));
        Assert.IsTrue(build.Any(l => l.Contains($"run {start.RunId}): no message recorded (exit code 1)", StringComparison.Ordinal)), string.Join("\n", build));
        var test = consoles["test run"];
        Assert.IsFalse(test.Any(l => l.Contains("did not finish", StringComparison.Ordinal)), string.Join("\n", test));
        Assert.AreEqual(1, testOutput.Lines.Count(l => l.Contains("f1 0.41 is below 0.80", StringComparison.Ordinal)), "the failed test once, in the logger's summary:\n" + string.Join("\n", testOutput.Lines));
    }

    [TestMethod]
    public void A_build_and_a_test_run_that_end_together_on_one_store_refresh_its_reports_one_after_the_other()
    {
        using var fixture = new TaskFixture();
        var steps = new ConcurrentQueue<string>();
        using var buildWriting = new ManualResetEventSlim();
        using var buildMayWrite = new ManualResetEventSlim();
        var start = fixture.Start("Train");

        // Both front ends lock in the machine's temp folder, as they do outside tests.
        start.CreateSession = () => new BuildSession(new ReportRefresh(fixture.EndOfBuildOutput, fixture.EndOfBuildConsole)
        {
            WriteReports = (store, options) =>
            {
                buildWriting.Set();
                buildMayWrite.Wait(TimeSpan.FromSeconds(30));
                steps.Enqueue("build writes");
                return ReportWriter.WriteAll(store, options);
            },
        });
        var testRun = new TestSessionReporter(LoggerParameters.Parse(new Dictionary<string, string?>()), new ReporterEnvironment
        {
            Variables = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DIR"] = fixture.StoreDirectory, ["WANDB_DISABLE_GIT"] = "true" }),
            Export = (_, _) => { },
            Output = new RecordingOutput(),
            CurrentDirectory = fixture.Root,
            WriteReports = (store, options) =>
            {
                steps.Enqueue("test run writes");
                return ReportWriter.WriteAll(store, options);
            },
        });
        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        testRun.Start("4242_8d1f");
        testRun.Record(new TestResultInfo { FullyQualifiedName = "Churn.Tests.ModelTests.Accuracy", DisplayName = "Accuracy", Source = typeof(BuildEndTests).Assembly.Location, Outcome = TestOutcome.Passed });

        var buildEnd = Task.Run(fixture.Engine.EndBuild);
        Assert.IsTrue(buildWriting.Wait(TimeSpan.FromSeconds(30)), "the build refreshes the reports when it ends");
        var testRunEnd = Task.Run(testRun.Complete);
        var testRunWroteMeanwhile = SpinWait.SpinUntil(() => steps.Contains("test run writes"), TimeSpan.FromSeconds(1));
        buildMayWrite.Set();

        Assert.IsTrue(Task.WaitAll(new[] { buildEnd, testRunEnd }, TimeSpan.FromSeconds(60)));
        Assert.IsFalse(testRunWroteMeanwhile, "the test run waits for the lock the build holds on the store");
        CollectionAssert.AreEqual(new[] { "build writes", "test run writes" }, steps.ToArray());
        var runsJson = File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json"));
        StringAssert.Contains(runsJson, start.RunId, "the report written last holds the build's run");
        StringAssert.Contains(runsJson, "\"Accuracy\"", "and the test run's");
    }

    private static ReportResult Keep(ConcurrentDictionary<string, IReadOnlyList<string>> consoles, string who, ReportResult result)
    {
        consoles[who] = result.ConsoleLines;
        return result;
    }
}
