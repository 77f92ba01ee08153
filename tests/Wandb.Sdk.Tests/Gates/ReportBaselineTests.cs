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
}
