using Wandb.Grouping;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class MetricGoalsTests
{
    [TestMethod]
    [DataRow("loss")]
    [DataRow("val_loss")]
    [DataRow("LogLoss")]
    [DataRow("MeanAbsoluteError")]
    [DataRow("RootMeanSquaredError")]
    [DataRow("train/err")]
    [DataRow("rmse")]
    [DataRow("AverageDistance")]
    [DataRow("DaviesBouldinIndex")]
    [DataRow("duration_seconds")]
    public void Error_loss_and_time_like_metrics_are_lower_is_better(string metric)
    {
        Assert.IsTrue(new MetricGoals().LowerIsBetter(metric));
    }

    [TestMethod]
    [DataRow("accuracy")]
    [DataRow("AreaUnderRocCurve")]
    [DataRow("AreaUnderPrecisionRecallCurve")]
    [DataRow("F1Score")]
    [DataRow("RSquared")]
    [DataRow("LogLossReduction")]
    [DataRow("MicroAccuracy")]
    [DataRow("NormalizedDiscountedCumulativeGains")]
    [DataRow("terror_rate_reduction")]
    public void Other_metrics_are_higher_is_better_even_when_a_hint_hides_inside_a_word(string metric)
    {
        Assert.IsFalse(new MetricGoals().LowerIsBetter(metric));
    }

    [TestMethod]
    public void Explicit_lists_win_over_the_name()
    {
        var goals = new MetricGoals(lowerIsBetter: new[] { "accuracy" }, higherIsBetter: new[] { "loss" });

        Assert.IsTrue(goals.LowerIsBetter("accuracy"));
        Assert.IsFalse(goals.LowerIsBetter("loss"));
    }

    [TestMethod]
    public void Names_split_at_separators_and_camel_case_humps()
    {
        CollectionAssert.AreEqual(new[] { "area", "under", "roc", "curve" }, MetricGoals.Words("AreaUnderRocCurve"));
        CollectionAssert.AreEqual(new[] { "roc", "curve", "at", "k2" }, MetricGoals.Words("ROCCurve_at-k2"));
    }
}
