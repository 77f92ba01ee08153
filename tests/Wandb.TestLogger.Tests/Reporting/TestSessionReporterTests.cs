using Wandb.Reports;
using Wandb.Testing;
using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class TestSessionReporterTests
{
    [TestMethod]
    public void Every_project_of_one_dotnet_test_invocation_gets_the_same_generated_group()
    {
        using var first = new ReporterHarness();
        using var second = new ReporterHarness();
        using var other = new ReporterHarness();

        var a = first.Start(sessionId: "4242_8d1f").Group;
        var b = second.Start(sessionId: "4242_8d1f").Group;
        var c = other.Start(sessionId: "4243_0000").Group;

        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a, c);
        StringAssert.Matches(a, new System.Text.RegularExpressions.Regex("^test-[a-z0-9]{8}$"));
    }

    [TestMethod]
    public void The_group_parameter_wins_over_WANDB_RUN_GROUP_and_reaches_the_test_processes()
    {
        using var harness = new ReporterHarness(new Dictionary<string, string?> { ["WANDB_RUN_GROUP"] = "from-variable" });

        var reporter = harness.Start("group=nightly;project=churn");

        Assert.AreEqual("nightly", reporter.Group);
        Assert.AreEqual("nightly", harness.Exported["WANDB_RUN_GROUP"]);
        Assert.AreEqual("churn", harness.Exported["WANDB_PROJECT"]);
        Assert.AreEqual(harness.StoreDirectory, harness.Exported["WANDB_DIR"], "tests write to the store the logger writes to");
    }

    [TestMethod]
    public void WANDB_RUN_GROUP_and_then_the_CI_run_come_before_a_generated_group()
    {
        using var withVariable = new ReporterHarness(new Dictionary<string, string?> { ["WANDB_RUN_GROUP"] = "sweep-7", ["GITHUB_RUN_ID"] = "99" });
        using var onCi = new ReporterHarness(new Dictionary<string, string?> { ["GITHUB_RUN_ID"] = "99", ["GITHUB_RUN_ATTEMPT"] = "2" });

        Assert.AreEqual("sweep-7", withVariable.Start().Group);
        Assert.AreEqual("gh-99-2", onCi.Start().Group);
    }

    [TestMethod]
    public void Each_result_becomes_one_run_with_job_type_name_config_state_and_summary()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start("project=churn");

        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (3,2)", TestOutcome.Passed, 3L, 2L));
        reporter.Record(ReporterHarness.Result("Regression", "Regression", TestOutcome.Failed) with { ErrorMessage = "accuracy 0.41 is below 0.80" });
        reporter.Record(ReporterHarness.Result("Slow", "Slow", TestOutcome.TimedOut));
        reporter.Complete();

        var runs = harness.OpenStore().ListRuns().ToDictionary(r => r.JobType!);
        Assert.HasCount(3, runs);
        var fold = runs["CrossValidate"];
        Assert.AreEqual("CrossValidate (3,2)", fold.Name);
        Assert.AreEqual("churn", fold.Project);
        Assert.AreEqual(reporter.Group, fold.Group);
        Assert.AreEqual(RunState.Finished, fold.State);
        Assert.AreEqual(3L, fold.Config["fold"], "named from the test method's parameters");
        Assert.AreEqual(2L, fold.Config["seed"]);
        Assert.AreEqual("passed", fold.Summary["outcome"]);
        Assert.AreEqual(0.25, (double)fold.Summary["duration"]!, 1e-9);
        Assert.AreEqual(RunState.Failed, runs["Regression"].State);
        Assert.AreEqual("accuracy 0.41 is below 0.80", runs["Regression"].Summary["error"]);
        Assert.AreEqual(RunState.Failed, runs["Slow"].State);
        Assert.AreEqual("timeout", runs["Slow"].Summary["outcome"]);
    }

    [TestMethod]
    public void A_skipped_test_is_a_finished_run_marked_skipped_not_a_tracking_failure()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();

        reporter.Record(ReporterHarness.Result("Ignored", "Ignored", TestOutcome.Skipped));
        reporter.Complete();

        var run = harness.OpenStore().ListRuns().Single();
        Assert.AreEqual(RunState.Finished, run.State);
        Assert.AreEqual("skipped", run.Summary["outcome"]);
        CollectionAssert.Contains(run.Tags.ToList(), "skipped");
        Assert.IsEmpty(harness.Output.Warnings, string.Join("\n", harness.Output.Lines));
    }

    [TestMethod]
    public void A_trait_named_wandb_job_type_overrides_the_job_type_and_other_traits_become_config()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();

        reporter.Record(ReporterHarness.Result("Evaluate", "Evaluate") with
        {
            Traits = new[] { new KeyValuePair<string, string>("wandb.job_type", "eval"), new KeyValuePair<string, string>("dataset", "churn-2026") },
            Categories = new[] { "slow" },
        });
        reporter.Complete();

        var run = harness.OpenStore().ListRuns().Single();
        Assert.AreEqual("eval", run.JobType);
        Assert.AreEqual("churn-2026", run.FlatConfig["traits.dataset"]);
        Assert.IsFalse(run.FlatConfig.ContainsKey("traits.wandb.job_type"));
    }

    [TestMethod]
    public void A_run_the_test_opened_itself_receives_the_result_instead_of_a_second_run()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();
        var result = ReporterHarness.Result("Training", "Training");
        var id = TestRunIds.For(reporter.Group!, Path.GetFileNameWithoutExtension(result.Source), result.TargetFramework, result.FullyQualifiedName, result.DisplayName);
        using (var own = Run.Init(new RunOptions { Id = id, Dir = harness.StoreDirectory, Group = reporter.Group, JobType = "Training" }))
        {
            own.Log("loss", 0.5);
            own.Log("loss", 0.25);
        }

        reporter.Record(result);
        reporter.Complete();

        var store = harness.OpenStore();
        var run = store.ListRuns().Single();
        Assert.AreEqual(id, run.Id);
        Assert.AreEqual("passed", run.Summary["outcome"]);
        Assert.AreEqual(0.25, run.Summary["loss"]);
        Assert.AreEqual(2, store.ReadHistory(id).Count());
    }

    [TestMethod]
    public void The_end_of_the_run_refreshes_the_reports_focused_on_the_group_and_prints_a_grouped_summary()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();
        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (0)", TestOutcome.Passed, 0L));
        reporter.Record(ReporterHarness.Result("CrossValidate", "CrossValidate (1)", TestOutcome.Failed, 1L));

        reporter.Complete();

        CollectionAssert.AreEqual(new[] { reporter.Group }, harness.ReportCalls.Single().FocusGroups.ToArray());
        CollectionAssert.Contains(harness.Output.Lines.ToList(), $"group {reporter.Group}: 2 runs (1 passed, 1 failed) in {harness.StoreDirectory}");
        CollectionAssert.Contains(harness.Output.Lines.ToList(), "  CrossValidate: 2 runs (1 passed, 1 failed)");
        CollectionAssert.Contains(harness.Output.Lines.ToList(), "reports written");
    }

    [TestMethod]
    public void The_group_s_page_is_named_only_when_the_session_recorded_a_result()
    {
        using var recorded = new ReporterHarness();
        recorded.Environment = recorded.Environment with { WriteReports = ReportWriter.WriteAll };
        var reporter = recorded.Start();
        reporter.Record(ReporterHarness.Result("LoadsModel", "LoadsModel"));
        reporter.Complete();
        using var empty = new ReporterHarness();
        empty.Environment = empty.Environment with { WriteReports = ReportWriter.WriteAll };
        var nothing = empty.Start();
        nothing.Complete();

        CollectionAssert.Contains(recorded.Output.Lines.ToList(), "report: " + new Uri(reporter.ReportPath!).AbsoluteUri + "#/group/" + reporter.Group);
        CollectionAssert.Contains(empty.Output.Lines.ToList(), $"group {nothing.Group}: 0 runs (0 passed, 0 failed) in {empty.StoreDirectory}");
        Assert.IsFalse(empty.Output.Lines.Any(l => l.Contains("#/group/", StringComparison.Ordinal)), "no link to a page without runs:\n" + string.Join("\n", empty.Output.Lines));
    }

    [TestMethod]
    public void A_failed_test_is_printed_once_by_the_summary_and_its_cut_message_points_at_its_run_s_page()
    {
        using var harness = new ReporterHarness();
        harness.Environment = harness.Environment with { WriteReports = ReportWriter.WriteAll };
        var reporter = harness.Start();
        var failing = ReporterHarness.Result("Regression", "Regression", TestOutcome.Failed) with
        {
            ErrorMessage = "f1 0.41 is below 0.80; " + string.Concat(Enumerable.Repeat("the holdout set drifted, ", 20)) + "END\nsecond line",
        };
        reporter.Record(ReporterHarness.Result("LoadsModel", "LoadsModel"));
        reporter.Record(failing);

        reporter.Complete();

        var lines = harness.Output.Lines.ToList();
        var failure = lines.Single(l => l.Contains("f1 0.41 is below 0.80", StringComparison.Ordinal));
        StringAssert.StartsWith(failure, "    failed: Regression: f1 0.41 is below 0.80; the holdout set drifted");
        var runPage = new Uri(reporter.ReportPath!).AbsoluteUri + "#/run/" + TestRunDescription.IdOf(failing, reporter.Group!);
        StringAssert.EndsWith(failure, $"… (truncated; full message: {runPage})");
        Assert.IsFalse(lines.Any(l => l.Contains("did not finish", StringComparison.Ordinal)), "the reports' own list of failures is left out:\n" + string.Join("\n", lines));
        var groupLine = lines.FindIndex(l => l.StartsWith($"  {reporter.Group}  n=2 (1 failed)", StringComparison.Ordinal));
        Assert.IsTrue(lines.IndexOf(failure) < groupLine, "the summary, then the reports' lines:\n" + string.Join("\n", lines));
    }

    [TestMethod]
    public void Unknown_parameters_are_named_in_a_warning_and_ignored()
    {
        using var harness = new ReporterHarness();

        var reporter = harness.Start("projekt=churn;TestRunDirectory=/tmp/x");

        StringAssert.Contains(harness.Output.WarningsWith("WANDB051").Single(), "'projekt'");
        Assert.IsTrue(reporter.IsRecording);
    }

    [TestMethod]
    public void An_invalid_mode_is_named_in_a_warning_and_nothing_is_recorded()
    {
        using var harness = new ReporterHarness();

        var reporter = harness.Start("mode=sometimes");
        reporter.Record(ReporterHarness.Result("A", "A"));
        reporter.Complete();

        StringAssert.Contains(harness.Output.WarningsWith("WANDB052").Single(), "logger parameter 'mode'");
        Assert.IsFalse(Directory.Exists(harness.StoreDirectory));
    }

    [TestMethod]
    public void Mode_disabled_records_nothing_and_tells_the_test_processes()
    {
        using var harness = new ReporterHarness();

        var reporter = harness.Start("mode=disabled");
        reporter.Record(ReporterHarness.Result("A", "A"));
        reporter.Complete();

        Assert.AreEqual("disabled", harness.Exported["WANDB_MODE"]);
        Assert.IsFalse(Directory.Exists(Path.Combine(harness.StoreDirectory, "runs")));
        Assert.IsFalse(Directory.Exists(Path.Combine(harness.StoreDirectory, "batches")));
        Assert.IsEmpty(harness.ReportCalls);
    }

    [TestMethod]
    public void A_store_that_cannot_be_opened_is_a_warning_and_the_test_run_goes_on()
    {
        using var harness = new ReporterHarness();
        harness.Environment = harness.Environment with { OpenStore = _ => throw new UnauthorizedAccessException("read-only folder") };

        var reporter = harness.Start();
        reporter.Record(ReporterHarness.Result("A", "A"));
        reporter.Complete();

        StringAssert.Contains(harness.Output.WarningsWith("WANDB053").Single(), "read-only folder");
        Assert.IsFalse(reporter.IsRecording);
    }

    [TestMethod]
    public void A_report_that_cannot_be_written_is_a_warning_and_the_runs_stay_recorded()
    {
        using var harness = new ReporterHarness();
        harness.Environment = harness.Environment with { WriteReports = (_, _) => throw new IOException("disk full") };

        var reporter = harness.Start();
        reporter.Record(ReporterHarness.Result("A", "A"));
        reporter.Complete();

        StringAssert.Contains(harness.Output.WarningsWith("WANDB054").Single(), "disk full");
        Assert.HasCount(1, harness.OpenStore().ListRuns().ToList());
    }

    [TestMethod]
    public void Results_that_cannot_be_written_are_a_warning_with_their_count_not_an_exception()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();
        Directory.CreateDirectory(harness.StoreDirectory);
        File.WriteAllText(Path.Combine(harness.StoreDirectory, "batches"), "a file where the batches folder should be");

        reporter.Record(ReporterHarness.Result("A", "A"));
        reporter.Record(ReporterHarness.Result("B", "B"));
        reporter.Complete();

        var warnings = harness.Output.WarningsWith("WANDB050");
        Assert.IsTrue(warnings.Any(w => w.Contains("2 test result(s) could not be recorded", StringComparison.Ordinal)), string.Join("\n", harness.Output.Lines));
        Assert.IsTrue(warnings.Any(w => w.Contains(harness.StoreDirectory, StringComparison.Ordinal)), "the warning names the store");
    }

    [TestMethod]
    public void A_session_writes_its_results_as_lines_of_one_batch_file_not_a_folder_each()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();
        for (var i = 0; i < 50; i++)
        {
            reporter.Record(ReporterHarness.Result("CrossValidate", $"CrossValidate ({i},1)", TestOutcome.Passed, (long)i, 1L));
        }

        reporter.Complete();

        var batch = Directory.GetFiles(Path.Combine(harness.StoreDirectory, "batches"), "*.runs.jsonl").Single();
        Assert.HasCount(50, File.ReadAllLines(batch).Where(l => l.Length > 0).ToList());
        Assert.IsFalse(Directory.Exists(Path.Combine(harness.StoreDirectory, "runs")), "no run folder for a result no test opened itself");
        var folds = harness.OpenStore().ListRuns().Select(r => (long)r.Config["fold"]!).OrderBy(f => f).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 50).Select(i => (long)i).ToList(), folds);
    }

    [TestMethod]
    public void The_store_s_indexes_are_read_while_the_tests_run_and_the_refresh_still_counts_every_run_and_says_it_rebuilt_the_index()
    {
        using var harness = new ReporterHarness();
        harness.Environment = harness.Environment with { WriteReports = ReportWriter.WriteAll };
        var earlier = harness.Start("max_detail_runs=3");
        for (var i = 0; i < 4; i++)
        {
            earlier.Record(ReporterHarness.Result("Train", $"Train ({i})", TestOutcome.Passed, (long)i));
        }

        earlier.Complete();
        var index = Path.Combine(harness.StoreDirectory, "index");
        Directory.Delete(index, recursive: true);

        var reporter = harness.Start("max_detail_runs=3", sessionId: "11744_session");
        var groups = Path.Combine(index, "groups.v2.jsonl");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(groups) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(20);
        }

        Assert.IsTrue(File.Exists(groups), "the run index and the group index are read ahead while the tests run");
        for (var i = 0; i < 2; i++)
        {
            reporter.Record(ReporterHarness.Result("CrossValidate", $"CrossValidate ({i})", TestOutcome.Passed, (long)i));
        }

        reporter.Complete();

        var runs = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(harness.StoreDirectory, "report", "runs.json")));
        Assert.AreEqual(2, runs["runs"]!.Count(), "the session's own group in full");
        Assert.AreEqual(4, (int)runs["omitted"]!["runs"]!, "the earlier session's group from the group index, counted");
        Assert.IsTrue(harness.Output.Lines.Any(l => l.Contains("run index rebuilt", StringComparison.Ordinal)), string.Join("\n", harness.Output.Lines));
    }

    [TestMethod]
    public void The_summary_lists_at_most_ten_job_types()
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();
        for (var i = 0; i < 25; i++)
        {
            reporter.Record(ReporterHarness.Result("Method" + i.ToString("00"), "Method" + i));
        }

        reporter.Complete();

        Assert.HasCount(10, harness.Output.Lines.Where(l => l.StartsWith("  Method", StringComparison.Ordinal)).ToList());
        CollectionAssert.Contains(harness.Output.Lines.ToList(), "  ... and 15 more job types (see the report)");
        Assert.HasCount(25, harness.OpenStore().ListRuns().ToList());
    }
}
