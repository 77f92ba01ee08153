using Wandb.Gates;
using Wandb.Reports;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class ReportBaselineTests
{
    [TestMethod]
    public void ReportOptions_Baseline_makes_the_gates_baseline_the_baseline_of_the_comparison_of_groups()
    {
        using var store = new TempStore();
        foreach (var (group, value) in new[] { ("g1", 0.90), ("g1", 0.92), ("g2", 0.80), ("g2", 0.82), ("g3", 0.70), ("g3", 0.72) })
        {
            store.AddRun(group, group, new Dictionary<string, object?> { ["acc"] = value }, jobType: "fold");
        }

        var byDefault = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);
        var named = ReportModel.Build(store.Reader(), new ReportOptions { Baseline = "g3" }, DateTimeOffset.UnixEpoch);
        var auto = ReportModel.Build(store.Reader(), new ReportOptions { Baseline = "auto", FocusGroups = { "g3" } }, DateTimeOffset.UnixEpoch);
        var file = ReportModel.Build(store.Reader(), new ReportOptions { Baseline = "wandb-baseline.json" }, DateTimeOffset.UnixEpoch);

        Assert.AreEqual("g1", byDefault.Comparison!.Baseline.Label, "the best group without a baseline");
        Assert.AreEqual("g3", named.Comparison!.Baseline.Label);
        Assert.AreEqual("g2", auto.Comparison!.Baseline.Label, "auto: the most recent other finished group of the focus group's project");
        Assert.AreEqual("g1", file.Comparison!.Baseline.Label, "a baseline file is no group of the store");
    }

    [TestMethod]
    public void The_baseline_group_of_the_focus_groups_verdicts_is_the_comparisons_baseline_and_a_baseline_file_leaves_the_best_group()
    {
        using var store = new TempStore();
        foreach (var (group, value) in new[] { ("g1", 0.90), ("g1", 0.92), ("g2", 0.80), ("g2", 0.82), ("g3", 0.70), ("g3", 0.72) })
        {
            store.AddRun(group, group, new Dictionary<string, object?> { ["acc"] = value }, jobType: "fold");
        }

        GateRow Verdict(string? baseline) => new() { Project = "proj", Metric = "acc", JobType = "fold", Group = "g3", Baseline = baseline, Verdict = GateVerdict.Unchanged, Current = Wandb.Grouping.Statistics.MetricStatistics.Empty };
        var gated = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "g3" }, GateResults = { Verdict("g2") } }, DateTimeOffset.UnixEpoch);
        var file = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "g3" }, GateResults = { Verdict("wandb-baseline.json") } }, DateTimeOffset.UnixEpoch);

        Assert.AreEqual("g2", gated.BaselineGroup);
        Assert.AreEqual("g2", gated.Comparison!.Baseline.Label);
        Assert.IsNull(file.BaselineGroup);
        Assert.AreEqual("g1", file.Comparison!.Baseline.Label);
    }

    [TestMethod]
    public void Without_verdicts_the_trends_follow_the_compared_metric_per_job_type_with_at_least_two_groups()
    {
        using var store = new TempStore();
        foreach (var (group, jobType, value) in new[] { ("g1", "fold", 0.9), ("g2", "fold", 0.8), ("g3", "fold", 0.7), ("g3", "eval", 0.5) })
        {
            store.AddRun(group, group + jobType, new Dictionary<string, object?> { ["acc"] = value }, jobType: jobType);
        }

        var model = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "g3" }, Baseline = "g1" }, DateTimeOffset.UnixEpoch);
        var trends = GateTrend.Series(model.Gates, model.Runs, model.FocusRuns, model.CompareMetric, model.BaselineGroup, count: 20, maxSeries: 6);

        var fold = trends.Single();
        Assert.AreEqual(("acc", "fold", "g1"), (fold.Metric, fold.JobType, fold.Baseline), "eval has one group: no trend");
        CollectionAssert.AreEqual(new[] { "g1", "g2", "g3" }, fold.Points.Select(p => p.Group).ToArray());
        CollectionAssert.AreEqual(new[] { true, false, false }, fold.Points.Select(p => p.IsBaseline).ToArray());
        CollectionAssert.AreEqual(new[] { false, false, true }, fold.Points.Select(p => p.IsCurrent).ToArray());
        CollectionAssert.AreEqual(new[] { 0.9, 0.8, 0.7 }, fold.Points.Select(p => p.Stats.Mean).ToArray());
    }
}
