using Wandb.Gates;
using Wandb.Grouping;
using Wandb.Reports;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class GateRecordsTests
{
    private const string Accuracy = "valid.Accuracy";

    [TestMethod]
    public void Verdicts_kept_in_the_store_by_two_projects_reach_a_report_written_later_with_the_same_numbers()
    {
        using var store = new TempStore();
        store.AddRun("g", "churn-fold", new Dictionary<string, object?> { [Accuracy] = 0.8 }, jobType: "fold", project: "churn");
        store.AddRun("g", "fraud-fold", new Dictionary<string, object?> { [Accuracy] = 0.7 }, jobType: "fold", project: "fraud");
        var before = Baseline.FromGroup("before", GateRuns.Group("before", "fold", Accuracy, new[] { 0.851, 0.848, 0.856, 0.845 }, 1));
        var now = GateRuns.Group("g", "fold", Accuracy, new[] { 0.821, 0.826, 0.818, 0.829 }, 10);
        var result = GateEvaluator.Evaluate(new[] { new GateRule { Metric = Accuracy } }, "g", now, before, new MetricGoals()).Single();
        var unchanged = result with { Verdict = GateVerdict.Unchanged };

        GateRecords.Save(store.Reader(), "churn", "g", new[] { GateRow.From(unchanged, "churn") });
        GateRecords.Save(store.Reader(), "churn", "g", new[] { GateRow.From(result, "churn") });
        GateRecords.Save(store.Reader(), "fraud", "g", new[] { GateRow.From(result, "fraud") });
        var model = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "g" } }, DateTimeOffset.UnixEpoch);

        Assert.HasCount(2, model.Gates, "the later verdict of a metric and job type replaces the earlier one");
        var churn = model.Gates.Single(g => g.Project == "churn");
        Assert.AreEqual(GateVerdict.Regressed, churn.Verdict);
        Assert.AreEqual(result.P, churn.P, 0);
        Assert.AreEqual(result.Test!.Ci95Low, churn.DifferenceCi95Low, 0);
        Assert.AreEqual(result.Current.Ci95High, churn.Current.Ci95High, 1e-15);
        Assert.AreEqual(result.BaselineStats!.Std, churn.BaselineStats!.Std, 0);
        Assert.AreEqual("before", churn.Baseline);
        Assert.IsEmpty(ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "other" } }, DateTimeOffset.UnixEpoch).Gates, "only the focus groups' verdicts");
    }

    [TestMethod]
    public void A_torn_record_costs_the_report_its_gate_table_not_the_report()
    {
        using var store = new TempStore();
        store.AddRun("g", "fold", new Dictionary<string, object?> { [Accuracy] = 0.8 }, jobType: "fold", project: "churn");
        GateRecords.Save(store.Reader(), "churn", "g", Array.Empty<GateRow>());
        var record = Directory.GetFiles(Path.Combine(store.Root, "gates")).Single();
        File.WriteAllText(record, "{ \"gates\": [ { \"project\": ");

        var model = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "g" } }, DateTimeOffset.UnixEpoch);

        Assert.IsEmpty(model.Gates);
        Assert.HasCount(1, model.Runs);
    }
}
