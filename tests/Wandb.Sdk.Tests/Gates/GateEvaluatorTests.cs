using Wandb.Gates;
using Wandb.Grouping;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class GateEvaluatorTests
{
    private const string Accuracy = "valid.Accuracy";
    private static readonly double[] Baseline = { 0.851, 0.848, 0.856, 0.845, 0.853, 0.850, 0.847, 0.855 };
    private static readonly double[] Worse = { 0.821, 0.826, 0.818, 0.829, 0.823, 0.820 };
    private static readonly double[] SeedNoise = { 0.853, 0.846, 0.851, 0.849, 0.857, 0.844 };

    [TestMethod]
    public void A_worse_group_regresses_with_the_difference_its_CI_and_p_of_an_independent_Welch_computation()
    {
        var result = Decide(Worse, Baseline, new GateRule { Metric = Accuracy, JobType = "CrossValidate", Tolerance = new GateTolerance(0.005, false) });

        var expected = IndependentWelch.Of(Worse, Baseline);
        Assert.AreEqual(GateVerdict.Regressed, result.Verdict);
        Assert.AreEqual(expected.Difference, result.Difference, 1e-12);
        Assert.AreEqual(expected.P, result.P, 1e-9);
        Assert.AreEqual(expected.Ci95Low, result.Test!.Ci95Low, 1e-7);
        Assert.AreEqual(expected.Ci95High, result.Test.Ci95High, 1e-7);
        var (low, high) = IndependentWelch.MeanCi95(Worse);
        Assert.AreEqual(low, result.Current.Ci95Low, 1e-7);
        Assert.AreEqual(high, result.Current.Ci95High, 1e-7);
        Assert.AreEqual(Worse.Average(), result.Current.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(IndependentWelch.Variance(Baseline)), result.BaselineStats!.Std, 1e-12);
    }

    [TestMethod]
    public void Seed_noise_around_the_same_mean_is_unchanged()
    {
        var result = Decide(SeedNoise, Baseline, new GateRule { Metric = Accuracy });

        var expected = IndependentWelch.Of(SeedNoise, Baseline);
        Assert.IsGreaterThan(0.05, expected.P, "the test data is noise");
        Assert.AreEqual(GateVerdict.Unchanged, result.Verdict);
        Assert.AreEqual(expected.P, result.P, 1e-9);
    }

    [TestMethod]
    public void A_significant_drop_within_the_tolerance_is_unchanged_and_a_percent_tolerance_is_of_the_baseline_mean()
    {
        var absolute = Decide(Worse, Baseline, new GateRule { Metric = Accuracy, Tolerance = new GateTolerance(0.04, false) });
        var percent = Decide(Worse, Baseline, new GateRule { Metric = Accuracy, Tolerance = new GateTolerance(5, true) });
        var tightPercent = Decide(Worse, Baseline, new GateRule { Metric = Accuracy, Tolerance = new GateTolerance(2, true) });

        Assert.AreEqual(GateVerdict.Unchanged, absolute.Verdict, "a drop of 0.029 is within 0.04");
        Assert.AreEqual(GateVerdict.Unchanged, percent.Verdict, "5% of 0.8506 is 0.0425");
        Assert.AreEqual(Baseline.Average() * 0.05, percent.Tolerance, 1e-12);
        Assert.AreEqual(GateVerdict.Regressed, tightPercent.Verdict, "2% of 0.8506 is 0.017, less than the drop");
    }

    [TestMethod]
    public void A_significant_rise_of_accuracy_is_improved_and_of_a_loss_with_Direction_lower_is_regressed()
    {
        var better = Decide(Baseline, Worse, new GateRule { Metric = Accuracy });
        var loss = Decide(Baseline, Worse, new GateRule { Metric = Accuracy, LowerIsBetter = true });
        var byName = Decide(Baseline, Worse, new GateRule { Metric = "train.LossRate" }, metric: "train.LossRate");

        Assert.AreEqual(GateVerdict.Improved, better.Verdict);
        Assert.AreEqual(GateVerdict.Regressed, loss.Verdict);
        Assert.AreEqual(GateVerdict.Regressed, byName.Verdict, "a metric named like a loss is lower-is-better by default");
    }

    [TestMethod]
    public void Confidence_decides_how_small_p_must_be()
    {
        // p of these two samples lies between 0.01 and 0.05: significant at 0.95, not at 0.99.
        double[] current = { 0.840, 0.846, 0.843, 0.849, 0.838, 0.851 };
        var p = IndependentWelch.Of(current, Baseline).P;
        Assert.IsTrue(p is > 0.01 and < 0.05, $"the test data has p = {p}");

        var at95 = Decide(current, Baseline, new GateRule { Metric = Accuracy });
        var at99 = Decide(current, Baseline, new GateRule { Metric = Accuracy, Confidence = 0.99 });

        Assert.AreEqual(GateVerdict.Regressed, at95.Verdict);
        Assert.AreEqual(GateVerdict.Unchanged, at99.Verdict);
        Assert.AreEqual(p, at99.P, 1e-9);
    }

    [TestMethod]
    public void Floors_on_the_group_mean_come_before_the_comparison_and_need_no_baseline()
    {
        var below = Decide(SeedNoise, Baseline, new GateRule { Metric = Accuracy, Min = 0.9 });
        var above = Decide(SeedNoise, null, new GateRule { Metric = Accuracy, Max = 0.8 });
        var within = Decide(SeedNoise, null, new GateRule { Metric = Accuracy, Min = 0.8, Max = 0.9 });

        Assert.AreEqual(GateVerdict.BelowMin, below.Verdict);
        Assert.AreEqual(GateVerdict.AboveMax, above.Verdict);
        Assert.AreEqual(GateVerdict.NoBaseline, within.Verdict);
        Assert.IsTrue(below.Verdict.Fails() && above.Verdict.Fails() && !within.Verdict.Fails());
    }

    [TestMethod]
    public void One_run_on_a_side_compares_the_means_with_the_tolerance_only_and_says_so()
    {
        var within = Decide(new[] { 0.845 }, Baseline, new GateRule { Metric = Accuracy, Tolerance = new GateTolerance(0.01, false) });
        var beyond = Decide(new[] { 0.830 }, Baseline, new GateRule { Metric = Accuracy, Tolerance = new GateTolerance(0.01, false) });

        Assert.AreEqual(GateVerdict.InsufficientData, within.Verdict);
        Assert.AreEqual(GateVerdict.Regressed, beyond.Verdict);
        Assert.IsTrue(double.IsNaN(beyond.P), "no test was made");
        StringAssert.Contains(beyond.Note, "compared with the tolerance only");
        Assert.AreEqual(0.830 - Baseline.Average(), beyond.Difference, 1e-12);
    }

    [TestMethod]
    public void Without_a_JobType_every_job_type_that_has_the_metric_gets_a_verdict()
    {
        var runs = GateRuns.Group("now", "CrossValidate", Accuracy, Worse, 10)
            .Concat(GateRuns.Group("now", "fold", Accuracy, SeedNoise, 10))
            .Concat(GateRuns.Group("now", "Train", "loss", new[] { 0.3 }, 10))
            .ToList();
        var baseline = Wandb.Gates.Baseline.FromGroup("before", GateRuns.Group("before", "CrossValidate", Accuracy, Baseline, 1).Concat(GateRuns.Group("before", "fold", Accuracy, Baseline, 1)).ToList());

        var results = GateEvaluator.Evaluate(new[] { new GateRule { Metric = Accuracy } }, "now", runs, baseline, new MetricGoals());

        CollectionAssert.AreEqual(new[] { "CrossValidate", "fold" }, results.Select(r => r.JobType).ToArray());
        CollectionAssert.AreEqual(new[] { GateVerdict.Regressed, GateVerdict.Unchanged }, results.Select(r => r.Verdict).ToArray());
    }

    [TestMethod]
    public void The_message_names_metric_job_type_group_baseline_both_means_the_difference_p_and_the_rule()
    {
        var result = Decide(Worse, Baseline, new GateRule { Metric = Accuracy, JobType = "CrossValidate", Tolerance = new GateTolerance(0.005, false) });

        var message = GateMessage.Format(result);

        StringAssert.StartsWith(message, "valid.Accuracy of job type CrossValidate in group now: regressed");
        StringAssert.Contains(message, "baseline group before: mean 0.8506 (n=8, 95% CI ");
        StringAssert.Contains(message, "Group: mean 0.8228 (n=6, 95% CI ");
        StringAssert.Contains(message, "; difference -0.02779 (95% CI -0.03256 to -0.02302), p <0.0001 (Welch's t-test)");
        StringAssert.Contains(message, "Rule: WandbGate valid.Accuracy JobType=CrossValidate Direction=higher Tolerance=0.005 Confidence=0.95.");
    }

    private static GateResult Decide(double[] current, double[]? baseline, GateRule rule, string metric = Accuracy)
    {
        var before = baseline is null ? null : Wandb.Gates.Baseline.FromGroup("before", GateRuns.Group("before", "CrossValidate", metric, baseline, 1));
        var now = GateRuns.Group("now", "CrossValidate", metric, current, 10);
        return GateEvaluator.Evaluate(new[] { rule }, "now", now, before, new MetricGoals()).Single();
    }
}
