using System.Reflection;
using System.Runtime.Versioning;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Testing;
using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class TestRunLinkTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void A_plain_Run_Init_inside_a_test_joins_the_run_the_logger_records_for_that_test()
    {
        var (id, stored) = RunInitInsideThisTest(string.Empty, nameof(A_plain_Run_Init_inside_a_test_joins_the_run_the_logger_records_for_that_test));

        Assert.AreEqual(id, stored.Id);
        Assert.AreEqual(nameof(A_plain_Run_Init_inside_a_test_joins_the_run_the_logger_records_for_that_test), stored.JobType);
        Assert.AreEqual("passed", stored.Summary["outcome"]);
        Assert.AreEqual(0.3, stored.Summary["loss"]);
    }

    [TestMethod]
    public void Without_a_current_test_context_a_test_without_arguments_is_found_on_the_call_stack()
    {
        var options = new RunOptions();

        TestRunLink.Apply(options, new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_TEST_LOGGER"] = "1", ["WANDB_RUN_GROUP"] = "g" }), new RecordingOutput(), currentTest: () => null);

        var assembly = typeof(TestRunLinkTests).Assembly;
        var name = nameof(Without_a_current_test_context_a_test_without_arguments_is_found_on_the_call_stack);
        Assert.AreEqual(TestRunIds.For("g", assembly.GetName().Name!, WandbTest.FrameworkOf(assembly), typeof(TestRunLinkTests).FullName + "." + name, name), options.Id);
        Assert.AreEqual(name, options.JobType);
    }

    [TestMethod]
    public void With_class_method_job_types_a_plain_Run_Init_joins_the_run_under_the_logger_s_class_and_method_job_type()
    {
        var method = nameof(With_class_method_job_types_a_plain_Run_Init_joins_the_run_under_the_logger_s_class_and_method_job_type);

        var (id, stored) = RunInitInsideThisTest("job_type=class_method", method);

        Assert.AreEqual(id, stored.Id, "one run: the test's and the logger's");
        Assert.AreEqual(nameof(TestRunLinkTests) + "." + method, stored.JobType);
        Assert.AreEqual(typeof(TestRunLinkTests).FullName, stored.Config["test_class"]);
        Assert.AreEqual(0.3, stored.Summary["loss"]);
    }

    [TestMethod]
    public void The_job_type_format_reaches_a_test_found_on_the_call_stack()
    {
        var options = new RunOptions();

        TestRunLink.Apply(options, new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_TEST_LOGGER"] = "1", ["WANDB_RUN_GROUP"] = "g", ["WANDB_TEST_JOB_TYPE"] = "class_method" }), new RecordingOutput(), currentTest: () => null);

        Assert.AreEqual(nameof(TestRunLinkTests) + "." + nameof(The_job_type_format_reaches_a_test_found_on_the_call_stack), options.JobType);
    }

    [TestMethod]
    public async Task An_async_test_is_found_through_its_state_machine()
    {
        await Task.Yield();

        var method = TestMethodLocator.FindOnStack();

        Assert.AreEqual(nameof(An_async_test_is_found_through_its_state_machine), method?.Name);
    }

    [TestMethod]
    public void Without_the_logger_a_plain_Run_Init_is_left_alone()
    {
        var options = new RunOptions();

        TestRunLink.Apply(options, new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_RUN_GROUP"] = "g" }), new RecordingOutput());

        Assert.IsNull(options.Id);
        Assert.IsNull(options.JobType);
    }

    [TestMethod]
    [DataRow(3)]
    [DataRow(4)]
    public void A_plain_Run_Init_in_an_MSTest_data_row_joins_the_run_of_that_row(int fold)
    {
        var options = new RunOptions { Config = { ["fold"] = fold } };
        var output = new RecordingOutput();

        TestRunLink.Apply(options, new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_TEST_LOGGER"] = "1", ["WANDB_RUN_GROUP"] = "g" }), output);

        var assembly = typeof(TestRunLinkTests).Assembly;
        var expected = TestRunIds.For("g", assembly.GetName().Name!, WandbTest.FrameworkOf(assembly), typeof(TestRunLinkTests).FullName + "." + TestContext.TestName, TestContext.TestDisplayName!);
        Assert.AreEqual(expected, options.Id);
        StringAssert.Contains(options.Name, fold.ToString(System.Globalization.CultureInfo.InvariantCulture), "the display name carries the data row");
        Assert.AreEqual(nameof(A_plain_Run_Init_in_an_MSTest_data_row_joins_the_run_of_that_row), options.JobType);
        Assert.IsEmpty(output.Lines);
    }

    [TestMethod]
    [DataRow(3)]
    public void Without_a_current_test_context_a_data_driven_test_warns_that_it_cannot_join_the_test_s_run(int fold)
    {
        var options = new RunOptions { Config = { ["fold"] = fold } };
        var output = new RecordingOutput();

        TestRunLink.Apply(options, new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_TEST_LOGGER"] = "1", ["WANDB_RUN_GROUP"] = "g" }), output, currentTest: () => null);

        Assert.IsNull(options.Id, "no id is guessed for an unknown data row");
        var warning = output.WarningsWith("WANDB056").Single();
        StringAssert.Contains(warning, "WandbTest.Init(TestContext)");
        Assert.AreEqual(1, output.Lines.Count);
    }

    /// <summary>A logger session with the given parameters, and a plain Run.Init() that logs from this test: the id it opened and the one run stored.</summary>
    private static (string Id, StoredRun Stored) RunInitInsideThisTest(string parameters, string method)
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start(parameters);

        // What the test entry points do in the test process; the link stays inert without the logger's variable.
        TestRunLink.Install();
        var testProcess = new RunContext { Environment = new DictionaryEnvironmentVariables(harness.Exported.ToDictionary(p => p.Key, p => (string?)p.Value)) };

        string id;
        using (var run = Run.Init(new RunOptions { Dir = harness.StoreDirectory }, testProcess))
        {
            run.Log("loss", 0.3);
            id = run.Id;
        }

        reporter.Record(ResultOfThisTest(method));
        reporter.Complete();
        return (id, harness.OpenStore().ListRuns().Single());
    }

    private static TestResultInfo ResultOfThisTest(string method) => new()
    {
        FullyQualifiedName = typeof(TestRunLinkTests).FullName + "." + method,
        DisplayName = method,
        Source = typeof(TestRunLinkTests).Assembly.Location,
        TargetFramework = typeof(TestRunLinkTests).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName,
        Outcome = TestOutcome.Passed,
    };
}
