using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Wandb.Build.Tasks.Gates;
using Wandb.Gates;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class TestRunGateTaskTests
{
    [TestMethod]
    public void Before_the_test_run_the_rules_and_baseline_go_to_a_request_file_the_logger_finds_in_WANDB_TEST_GATE()
    {
        using var fixture = new TaskFixture();
        var prepare = Prepare(fixture, Rule("accuracy", ("JobType", "CrossValidate"), ("Tolerance", "2%")));
        prepare.Baseline = "wandb-baseline.json";
        prepare.BaselineBranch = "trunk";
        prepare.Mode = "warn";

        Assert.IsTrue(prepare.Execute());

        var path = fixture.Environment.Get(TestRunGate.Variable)!;
        Assert.AreEqual(Path.Combine(fixture.Root, "obj", "wandb-test-gate.json"), path);
        var request = TestRunGate.Read(path);
        var rule = request.ParseRules().Single();
        Assert.AreEqual(("accuracy", "CrossValidate", "2%"), (rule.Metric, rule.JobType, rule.Tolerance.ToString()));
        Assert.AreEqual(("wandb-baseline.json", "trunk", fixture.Root, true), (request.Baseline, request.BaselineBranch, request.BaseDirectory, request.WarnOnly));
    }

    [TestMethod]
    public void Beside_a_test_app_the_request_is_written_without_pointing_WANDB_TEST_GATE_at_it()
    {
        using var fixture = new TaskFixture();
        var prepare = Prepare(fixture, Rule("accuracy", ("Min", "0.8")));
        prepare.RequestFile = Path.Combine(fixture.Root, "bin", "Debug", "net10.0", TestRunGate.TestAppFileName);
        prepare.ExportVariable = false;

        Assert.IsTrue(prepare.Execute());

        Assert.IsNull(fixture.Environment.Get(TestRunGate.Variable), "the variable would reach every project built later on the node");
        var request = TestRunGate.Read(prepare.RequestFile);
        Assert.AreEqual(("accuracy", fixture.Root), (request.ParseRules().Single().Metric, request.BaseDirectory));
    }

    [TestMethod]
    public void A_bad_rule_fails_before_the_tests_run_and_an_old_test_runs_verdicts_are_cleared()
    {
        using var fixture = new TaskFixture();
        var path = Path.Combine(fixture.Root, "obj", "wandb-test-gate.json");
        Assert.IsTrue(Prepare(fixture, Rule("accuracy")).Execute());
        TestRunGate.WriteVerdicts(path, new TestRunVerdicts("wandb gate: compared with the baseline group old", new[] { (GateVerdict.Regressed, "old") }));

        Assert.IsFalse(Prepare(fixture, Rule("accuracy", ("Confidence", "95"))).Execute());
        Assert.AreEqual("WANDB205", fixture.Engine.Errors.Single().Code);
        Assert.IsTrue(Prepare(fixture, Rule("accuracy")).Execute());
        Assert.IsEmpty(TestRunGate.ReadVerdicts(path), "verdicts of an earlier test run never fail this one");
    }

    [TestMethod]
    public void After_the_test_run_a_failing_verdict_the_logger_wrote_fails_the_command_with_its_code_or_warns_in_warn_mode()
    {
        using var fixture = new TaskFixture();
        var path = Path.Combine(fixture.Root, "obj", "wandb-test-gate.json");
        Assert.IsTrue(Prepare(fixture, Rule("accuracy")).Execute());
        TestRunGate.WriteVerdicts(path, new TestRunVerdicts(
            "wandb gate: compared with the baseline group build-1",
            new[] { (GateVerdict.Regressed, "accuracy of job type CrossValidate in group test-1: regressed"), (GateVerdict.Unchanged, "loss ...: unchanged") }));

        var report = Report(fixture, path);
        Assert.IsFalse(report.Execute());
        var error = fixture.Engine.Errors.Single();
        Assert.AreEqual(("WANDB200", "accuracy of job type CrossValidate in group test-1: regressed"), (error.Code, error.Message));
        Assert.IsTrue(fixture.Engine.Messages.Any(m => m.Message == "wandb gate: compared with the baseline group build-1"));
        Assert.IsTrue(fixture.Engine.Messages.Any(m => m.Message == "wandb gate: loss ...: unchanged"));

        var warn = Report(fixture, path);
        warn.Mode = "warn";
        Assert.IsTrue(warn.Execute());
        Assert.AreEqual("WANDB200", fixture.Engine.Warnings.Single().Code);
    }

    [TestMethod]
    public void A_baseline_file_the_logger_could_not_read_is_error_WANDB206_and_no_verdicts_is_only_a_message()
    {
        using var fixture = new TaskFixture();
        var path = Path.Combine(fixture.Root, "obj", "wandb-test-gate.json");
        Assert.IsTrue(Prepare(fixture, Rule("accuracy")).Execute());

        Assert.IsTrue(Report(fixture, path).Execute(), "the logger was not used: nothing was gated");
        StringAssert.Contains(fixture.Engine.Messages.Last().Message, "recorded no runs to gate");

        TestRunGate.WriteVerdicts(path, new TestRunVerdicts("The baseline file b.json has schema 2", Array.Empty<(GateVerdict, string)>(), "WANDB206"));
        Assert.IsFalse(Report(fixture, path).Execute());
        Assert.AreEqual(("WANDB206", "The baseline file b.json has schema 2"), (fixture.Engine.Errors.Single().Code, fixture.Engine.Errors.Single().Message));
    }

    private static WandbPrepareTestGate Prepare(TaskFixture fixture, params ITaskItem[] rules) => new()
    {
        BuildEngine = fixture.Engine,
        Rules = rules,
        ProjectDirectory = fixture.Root,
        RequestFile = Path.Combine("obj", "wandb-test-gate.json"),
        Environment = fixture.Environment,
    };

    private static WandbEvaluateGates Report(TaskFixture fixture, string request) => new()
    {
        BuildEngine = fixture.Engine,
        TestRunRequest = request,
        ProjectDirectory = fixture.Root,
        Environment = fixture.Environment,
    };

    private static TaskItem Rule(string metric, params (string Name, string Value)[] metadata) =>
        new(metric, metadata.ToDictionary(m => m.Name, m => m.Value));
}
