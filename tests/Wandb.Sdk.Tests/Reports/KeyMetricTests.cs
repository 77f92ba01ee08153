using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class KeyMetricTests
{
    [TestMethod]
    public void The_test_logger_s_duration_is_not_the_key_or_comparison_metric_when_the_runs_logged_metrics_of_their_own()
    {
        using var store = new TempStore();
        for (var i = 0; i < 10; i++)
        {
            var summary = TestResults.Summary(0.01 * (i + 1));
            if (i < 3)
            {
                summary["f1"] = 0.7 + (0.01 * i);
            }

            store.AddRun(i % 2 == 0 ? "test-a" : "test-b", "Fold" + i, summary, jobType: "Fold");
        }

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false });
        var model = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);

        CollectionAssert.AreEqual(new[] { "f1", "duration" }, model.KeyMetrics.ToArray(), "the runs' own metric first, the logger's bookkeeping after it");
        Assert.AreEqual("f1", model.CompareMetric);
        var md = File.ReadAllText(result.MarkdownPath!);
        StringAssert.Contains(md, "## Comparison on f1");
        Assert.IsFalse(md.Contains("## Comparison on duration", StringComparison.Ordinal), md);
    }

    [TestMethod]
    public void Duration_is_still_the_key_metric_when_it_is_all_the_runs_have()
    {
        using var store = new TempStore();
        store.AddRun("test-a", "A", TestResults.Summary(0.5));
        store.AddRun("test-a", "B", TestResults.Summary(0.7));

        var model = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);

        CollectionAssert.AreEqual(new[] { "duration" }, model.KeyMetrics.ToArray());
    }

    [TestMethod]
    public void Key_metrics_follow_the_focus_groups_not_the_other_projects_of_the_store()
    {
        using var store = new TempStore();
        for (var i = 0; i < 20; i++)
        {
            store.AddRun("train-1", "train-" + i, Enumerable.Range(1, 6).ToDictionary(m => "m" + m, m => (object?)(m + (i / 100.0))), project: "forecast");
        }

        for (var i = 0; i < 4; i++)
        {
            var summary = TestResults.Summary(0.02);
            if (i < 2)
            {
                summary["f1"] = 0.8 + (i / 10.0);
            }

            store.AddRun("test-1", "Case" + i, summary, jobType: "Case", project: "churn-tests");
        }

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false, FocusGroups = { "test-1" } });
        var model = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "test-1" } }, DateTimeOffset.UnixEpoch);

        CollectionAssert.AreEqual(new[] { "f1", "duration" }, model.KeyMetrics.ToArray(), "the focus group's own metrics, not the store's most common ones");
        StringAssert.StartsWith(result.ConsoleLines[1], "wandb:   test-1  n=4  f1 0.85 ± 0.07071");
        StringAssert.Contains(result.ConsoleLines[1], ", duration 20 ms ± 0 s", "the test logger's durations in their unit");
        StringAssert.Contains(File.ReadAllText(result.MarkdownPath!), "| group | runs | states | f1 ↑ | duration ↓ |");
    }

    [TestMethod]
    public void Without_focus_groups_key_metrics_come_from_every_run_of_the_report()
    {
        using var store = new TempStore();
        store.AddRun("a", "r1", new Dictionary<string, object?> { ["acc"] = 0.5 });
        store.AddRun("b", "r2", new Dictionary<string, object?> { ["acc"] = 0.6, ["f1"] = 0.4 });

        var model = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "no-such-group" } }, DateTimeOffset.UnixEpoch);

        CollectionAssert.AreEqual(new[] { "acc", "f1" }, model.KeyMetrics.ToArray(), "a focus group without runs narrows nothing");
    }
}
