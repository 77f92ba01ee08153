using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class JobTypeParameterTests
{
    [TestMethod]
    public void Every_run_records_its_test_class_and_keeps_the_method_as_job_type_by_default()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();

        reporter.Record(Result("Humanizer.Tests.BytesTests", "HumanizesBytes", TestOutcome.Failed));
        reporter.Record(Result("Humanizer.Tests.SizeTests", "HumanizesBytes", TestOutcome.Passed));
        reporter.Complete();

        var runs = harness.OpenStore().ListRuns().ToList();
        Assert.IsTrue(runs.All(r => r.JobType == "HumanizesBytes"), string.Join(", ", runs.Select(r => r.JobType)));
        Assert.AreEqual("Humanizer.Tests.BytesTests", runs.Single(r => r.State == RunState.Failed).Config["test_class"], "the failing class is on record");
        Assert.AreEqual("Humanizer.Tests.SizeTests", runs.Single(r => r.State == RunState.Finished).FlatConfig["test_class"]);
        Assert.AreEqual("method", harness.Exported["WANDB_TEST_JOB_TYPE"], "the tests learn how the logger names job types");
    }

    [TestMethod]
    public void Job_type_class_method_makes_the_job_type_the_short_class_name_and_the_method()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("job_type=class_method");

        reporter.Record(Result("Humanizer.Tests.BytesTests", "HumanizesBytes", TestOutcome.Failed));
        reporter.Record(Result("Humanizer.Tests.SizeTests", "HumanizesBytes", TestOutcome.Passed));
        reporter.Complete();

        CollectionAssert.AreEquivalent(
            new[] { "BytesTests.HumanizesBytes", "SizeTests.HumanizesBytes" },
            harness.OpenStore().ListRuns().Select(r => r.JobType).ToArray());
        Assert.AreEqual("class_method", harness.Exported["WANDB_TEST_JOB_TYPE"]);
        CollectionAssert.Contains(harness.Output.Lines.ToList(), "  BytesTests.HumanizesBytes: 1 run (0 passed, 1 failed)", "the summary counts the same job types");
        Assert.IsEmpty(harness.Output.Warnings, string.Join("\n", harness.Output.Lines));
    }

    [TestMethod]
    public void A_wandb_job_type_trait_still_wins_over_class_method()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("job_type=class_method");

        reporter.Record(Result("Churn.Tests.ModelTests", "Evaluate", TestOutcome.Passed) with { Traits = new[] { new KeyValuePair<string, string>("wandb.job_type", "eval") } });
        reporter.Complete();

        Assert.AreEqual("eval", harness.OpenStore().ListRuns().Single().JobType);
    }

    [TestMethod]
    public void WANDB_TEST_JOB_TYPE_is_the_default_of_the_parameter()
    {
        using var harness = new ReporterHarness(new Dictionary<string, string?> { ["WANDB_TEST_JOB_TYPE"] = "class_method" });
        var reporter = harness.Start();

        reporter.Record(Result("Churn.Tests.ModelTests", "Train", TestOutcome.Passed));
        reporter.Complete();

        Assert.AreEqual("ModelTests.Train", harness.OpenStore().ListRuns().Single().JobType);
    }

    [TestMethod]
    public void An_unknown_job_type_value_is_named_in_a_warning_and_method_names_are_used()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("job_type=class.method");

        reporter.Record(Result("Churn.Tests.ModelTests", "Train", TestOutcome.Passed));
        reporter.Complete();

        var warning = harness.Output.WarningsWith("WANDB057").Single();
        StringAssert.Contains(warning, "'job_type'");
        StringAssert.Contains(warning, "'class.method'");
        StringAssert.Contains(warning, "class_method", "the known values are listed");
        Assert.AreEqual("Train", harness.OpenStore().ListRuns().Single().JobType);
        Assert.AreEqual("method", harness.Exported["WANDB_TEST_JOB_TYPE"], "the tests name job types as the logger does");
    }

    [TestMethod]
    public void An_unknown_WANDB_TEST_JOB_TYPE_is_named_in_a_warning()
    {
        using var harness = new ReporterHarness(new Dictionary<string, string?> { ["WANDB_TEST_JOB_TYPE"] = "klass" });

        harness.Start();

        var warning = harness.Output.WarningsWith("WANDB057").Single();
        StringAssert.Contains(warning, "WANDB_TEST_JOB_TYPE");
        StringAssert.Contains(warning, "'klass'");
    }

    private static TestResultInfo Result(string testClass, string method, TestOutcome outcome) => new()
    {
        FullyQualifiedName = testClass + "." + method,
        DisplayName = method,
        Source = typeof(JobTypeParameterTests).Assembly.Location,
        TargetFramework = ".NETCoreApp,Version=v10.0",
        Outcome = outcome,
        Duration = TimeSpan.FromMilliseconds(20),
        ErrorMessage = outcome == TestOutcome.Failed ? "Expected 1 KB" : null,
    };
}
