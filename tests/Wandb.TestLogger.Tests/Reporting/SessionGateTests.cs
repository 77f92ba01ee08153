using Wandb.Gates;
using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class SessionGateTests
{
    [TestMethod]
    public void When_a_test_failed_the_session_gates_its_own_group_prints_the_verdicts_and_hands_them_to_the_build()
    {
        using var harness = new ReporterHarness();
        var request = Request(harness, new Dictionary<string, string> { ["Max"] = "0.1" });
        var reporter = harness.Start("project=churn");

        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (2)", TestOutcome.Failed) with { ErrorMessage = "too slow" });
        reporter.Complete();

        var error = harness.Output.Infos.Single(i => i.StartsWith("error WANDB202: ", StringComparison.Ordinal));
        StringAssert.Contains(error, $"duration of job type CrossValidate in group {reporter.Group}: above_max");
        StringAssert.Contains(error, "(n=2, 95% CI");
        var handed = TestRunGate.ReadVerdicts(request).Single();
        Assert.AreEqual(GateVerdict.AboveMax, handed.Verdicts.Single().Verdict);
        var kept = GateRecords.Load(harness.OpenStore(), new[] { "churn" }, new[] { reporter.Group! }).Single();
        Assert.AreEqual(2, kept.Current.N, "both runs of the session, passed and failed");
        Assert.AreEqual(0.25, kept.Current.Mean, 1e-12);
    }

    [TestMethod]
    public void When_every_test_passed_the_verdicts_are_left_to_the_build_to_report()
    {
        using var harness = new ReporterHarness();
        var request = Request(harness, new Dictionary<string, string> { ["Max"] = "0.1" });
        var reporter = harness.Start("project=churn");

        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
        reporter.Complete();

        Assert.IsFalse(harness.Output.Lines.Any(l => l.Contains("WANDB202", StringComparison.Ordinal)), string.Join("\n", harness.Output.Lines));
        Assert.AreEqual(GateVerdict.AboveMax, TestRunGate.ReadVerdicts(request).Single().Verdicts.Single().Verdict);
    }

    [TestMethod]
    public void Only_the_job_types_the_session_recorded_are_judged_even_in_a_group_shared_with_other_test_runs()
    {
        using var harness = new ReporterHarness(new Dictionary<string, string?> { ["WANDB_RUN_GROUP"] = "ci-42" });
        var request = Request(harness, new Dictionary<string, string>());
        var other = harness.Start("project=churn");
        other.Record(ReporterHarness.Result("Regression", "Regression"));
        other.Complete();
        Assert.HasCount(1, TestRunGate.ReadVerdicts(request), "the first session gated its own runs");
        File.Delete(Directory.GetFiles(Path.GetDirectoryName(request)!, "*.verdicts.*").Single());

        var reporter = harness.Start("project=churn");
        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
        reporter.Complete();

        var verdicts = TestRunGate.ReadVerdicts(request).Single().Verdicts;
        Assert.HasCount(1, verdicts, "CrossValidate only; Regression is another test run's");
        StringAssert.Contains(verdicts[0].Message, "duration of job type CrossValidate in group ci-42");
    }

    [TestMethod]
    public void The_test_projects_WandbBaseline_reaches_the_sessions_report_refresh_and_the_logger_parameter_wins()
    {
        using var harness = new ReporterHarness();
        Request(harness, new Dictionary<string, string>(), baseline: "build-main", branch: "trunk");

        harness.Start("project=churn").Complete();
        harness.Start("project=churn;baseline=nightly").Complete();

        Assert.AreEqual("build-main", harness.ReportCalls[0].Baseline);
        Assert.AreEqual("trunk", harness.ReportCalls[0].BaselineBranch);
        Assert.AreEqual("nightly", harness.ReportCalls[1].Baseline);
    }

    [TestMethod]
    public void A_test_apps_request_beside_it_is_gated_printed_and_its_failing_verdict_returned_in_the_builds_words_without_a_verdict_file()
    {
        using var harness = new ReporterHarness();
        var request = TestAppRequest(harness, new Dictionary<string, string> { ["Max"] = "0.1" });
        var reporter = harness.Start("project=churn");

        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
        reporter.Complete();

        var failure = reporter.GateFailures.Single();
        Assert.AreEqual("wandb gate: duration [CrossValidate]", failure.Name);
        StringAssert.StartsWith(failure.Message, $"error WANDB202: duration of job type CrossValidate in group {reporter.Group}: above_max");
        StringAssert.Contains(failure.Message, "(n=1");
        CollectionAssert.Contains(harness.Output.Infos.ToList(), failure.Message, "every test passed and no build follows the app: the verdict is printed here");
        Assert.IsEmpty(TestRunGate.ReadVerdicts(request), "nothing reads verdicts back beside a test app");
        Assert.AreEqual(GateVerdict.AboveMax, GateRecords.Load(harness.OpenStore(), new[] { "churn" }, new[] { reporter.Group! }).Single().Verdict);
    }

    [TestMethod]
    public void In_warn_mode_a_test_apps_failing_verdict_is_a_warning_with_its_code_and_fails_nothing()
    {
        using var harness = new ReporterHarness();
        TestAppRequest(harness, new Dictionary<string, string> { ["Max"] = "0.1" }, warnOnly: true);
        var reporter = harness.Start("project=churn");

        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
        reporter.Complete();

        Assert.IsEmpty(reporter.GateFailures);
        StringAssert.StartsWith(harness.Output.WarningsWith("WANDB202").Single(), "duration of job type CrossValidate in group ");
        Assert.IsFalse(harness.Output.Infos.Any(i => i.StartsWith("error ", StringComparison.Ordinal)), string.Join("\n", harness.Output.Lines));
    }

    [TestMethod]
    public void A_missing_baseline_fails_a_test_app_only_with_WandbGateRequireBaseline()
    {
        using (var harness = new ReporterHarness())
        {
            TestAppRequest(harness, new Dictionary<string, string>());
            var lenient = harness.Start("project=churn");
            lenient.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
            lenient.Complete();
            Assert.IsEmpty(lenient.GateFailures, "no baseline is a warning by default");
            Assert.HasCount(1, harness.Output.WarningsWith("WANDB203").ToList());
        }

        using (var harness = new ReporterHarness())
        {
            TestAppRequest(harness, new Dictionary<string, string>(), requireBaseline: true);
            var strict = harness.Start("project=churn");
            strict.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
            strict.Complete();

            var failure = strict.GateFailures.Single();
            Assert.AreEqual("wandb gate: duration [CrossValidate]", failure.Name);
            StringAssert.StartsWith(failure.Message, $"error WANDB203: duration of job type CrossValidate in group {strict.Group}: no_baseline");
            StringAssert.EndsWith(failure.Message, " WandbGateRequireBaseline is true.");
        }
    }

    [TestMethod]
    public void WANDB_TEST_GATE_wins_over_the_request_beside_the_test_app_and_its_verdicts_go_back_to_the_build()
    {
        using var harness = new ReporterHarness();
        TestAppRequest(harness, new Dictionary<string, string> { ["Max"] = "0.1" });
        var fromBuild = Request(harness, new Dictionary<string, string> { ["Max"] = "10" });
        var reporter = harness.Start("project=churn");

        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)"));
        reporter.Complete();

        Assert.IsEmpty(reporter.GateFailures, "the build reports the verdicts it pointed the logger at");
        Assert.AreEqual(GateVerdict.NoBaseline, TestRunGate.ReadVerdicts(fromBuild).Single().Verdicts.Single().Verdict, "Max=10 from WANDB_TEST_GATE, not Max=0.1 from beside the app");
    }

    /// <summary>A request for one rule on the test logger's duration, written as the build writes it, and pointed at by WANDB_TEST_GATE.</summary>
    private static string Request(ReporterHarness harness, Dictionary<string, string> metadata, string? baseline = null, string? branch = null)
    {
        var path = Path.Combine(harness.Root, "obj", "wandb-test-gate.json");
        WriteRequest(path, harness, metadata, baseline, branch);
        harness.Variables[TestRunGate.Variable] = path;
        return path;
    }

    /// <summary>The same request written beside a Microsoft.Testing.Platform test app, where its reporter looks.</summary>
    private static string TestAppRequest(ReporterHarness harness, Dictionary<string, string> metadata, bool warnOnly = false, bool requireBaseline = false)
    {
        var path = Path.Combine(harness.Root, "bin", TestRunGate.TestAppFileName);
        WriteRequest(path, harness, metadata, warnOnly: warnOnly, requireBaseline: requireBaseline);
        harness.Environment = harness.Environment with { TestAppGateRequest = path };
        return path;
    }

    private static void WriteRequest(string path, ReporterHarness harness, Dictionary<string, string> metadata, string? baseline = null, string? branch = null, bool warnOnly = false, bool requireBaseline = false) =>
        new TestRunGate
        {
            Rules = new[] { new KeyValuePair<string, IReadOnlyDictionary<string, string>>("duration", metadata) },
            Baseline = baseline,
            BaselineBranch = branch,
            BaseDirectory = harness.Root,
            WarnOnly = warnOnly,
            RequireBaseline = requireBaseline,
        }.Write(path);
}
