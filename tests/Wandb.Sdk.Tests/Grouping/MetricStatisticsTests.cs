using Wandb.Grouping.Statistics;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class MetricStatisticsTests
{
    [TestMethod]
    public void A_hand_worked_sample_has_every_statistic_right()
    {
        // 1, 2, 3, 4, 10: mean 4, median 3, squared deviations 9+4+1+0+36 = 50, variance 12.5,
        // std 3.5355339, stderr std/sqrt(5) = 1.5811388, t(0.975, 4) = 2.7764451, half-width 4.3899452.
        var stats = MetricStatistics.Of(new[] { 10.0, 2, 4, 1, 3 });

        Assert.AreEqual(5, stats.N);
        Assert.AreEqual(4.0, stats.Mean, 1e-15);
        Assert.AreEqual(3.0, stats.Median);
        Assert.AreEqual(1.0, stats.Min);
        Assert.AreEqual(10.0, stats.Max);
        Assert.AreEqual(3.5355339, stats.Std, 1e-7);
        Assert.AreEqual(1.5811388, stats.StdErr, 1e-7);
        Assert.AreEqual(4 - 4.3899452, stats.Ci95Low, 1e-6);
        Assert.AreEqual(4 + 4.3899452, stats.Ci95High, 1e-6);
    }

    [TestMethod]
    public void An_even_count_has_the_midpoint_as_median()
    {
        Assert.AreEqual(2.5, MetricStatistics.Of(new[] { 4.0, 1, 3, 2 }).Median);
    }

    [TestMethod]
    public void No_values_give_n_zero_and_no_statistics()
    {
        var stats = MetricStatistics.Of(Array.Empty<double>());

        Assert.AreEqual(0, stats.N);
        Assert.IsTrue(double.IsNaN(stats.Mean));
        Assert.IsTrue(double.IsNaN(stats.Median));
        Assert.IsTrue(double.IsNaN(stats.Ci95Low));
    }

    [TestMethod]
    public void One_value_has_a_mean_but_no_spread()
    {
        var stats = MetricStatistics.Of(new[] { 0.7 });

        Assert.AreEqual(1, stats.N);
        Assert.AreEqual(0.7, stats.Mean);
        Assert.AreEqual(0.7, stats.Median);
        Assert.IsTrue(double.IsNaN(stats.Std));
        Assert.IsTrue(double.IsNaN(stats.StdErr));
        Assert.IsTrue(double.IsNaN(stats.Ci95High));
    }

    [TestMethod]
    public void Two_values_use_t_with_one_degree_of_freedom()
    {
        // 1 and 3: mean 2, std sqrt(2), stderr 1, t(0.975, 1) = 12.7062047.
        var stats = MetricStatistics.Of(new[] { 1.0, 3.0 });

        Assert.AreEqual(Math.Sqrt(2), stats.Std, 1e-15);
        Assert.AreEqual(1.0, stats.StdErr, 1e-15);
        Assert.AreEqual(2 - 12.7062047, stats.Ci95Low, 1e-6);
        Assert.AreEqual(2 + 12.7062047, stats.Ci95High, 1e-6);
    }

    [TestMethod]
    public void Identical_values_have_zero_spread_and_a_zero_width_interval()
    {
        var stats = MetricStatistics.Of(new[] { 0.1, 0.1, 0.1, 0.1 });

        Assert.AreEqual(0.1, stats.Mean, 1e-17);
        Assert.AreEqual(0.0, stats.Std, 1e-17);
        Assert.AreEqual(stats.Mean, stats.Ci95Low, 1e-17);
        Assert.AreEqual(stats.Mean, stats.Ci95High, 1e-17);
    }

    [TestMethod]
    public void NaN_and_infinities_are_counted_and_never_mixed_into_the_mean()
    {
        var stats = MetricStatistics.Of(new[] { 1.0, double.NaN, 3.0, double.PositiveInfinity, double.NegativeInfinity }, nonNumeric: 2);

        Assert.AreEqual(2, stats.N);
        Assert.AreEqual(2.0, stats.Mean);
        Assert.AreEqual(3, stats.NonFinite);
        Assert.AreEqual(2, stats.NonNumeric);
    }

    [TestMethod]
    public void Huge_magnitudes_do_not_overflow()
    {
        var stats = MetricStatistics.Of(new[] { 1e308, 1.5e308 });

        Assert.AreEqual(1.25e308, stats.Mean, 1e294);
        Assert.AreEqual(1.25e308, stats.Median, 1e294);
        Assert.AreEqual(1e308, stats.Min);
    }

    [TestMethod]
    public void Tiny_magnitudes_keep_their_precision()
    {
        // 1e-300 * {1, 2, 3}: mean 2e-300, std 1e-300.
        var stats = MetricStatistics.Of(new[] { 1e-300, 2e-300, 3e-300 });

        Assert.AreEqual(2e-300, stats.Mean, 1e-312);
        Assert.AreEqual(1e-300, stats.Std, 1e-312);
    }

    [TestMethod]
    public void Statistics_combined_from_several_samples_are_those_of_all_their_values_but_the_median()
    {
        var random = new Random(7);
        var samples = new[] { 1, 2, 5, 40 }.Select(n => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 100) - 30).ToArray()).ToList();
        var parts = samples.Select((values, i) => new MetricStatistics(values.Length, values.Average(), double.NaN, values.Min(), values.Max(), MetricStatistics.Of(values).Std, i, 2 * i)).ToList();
        parts.Add(MetricStatistics.Empty);

        var combined = MetricStatistics.Combine(parts);
        var all = MetricStatistics.Of(samples.SelectMany(v => v));

        Assert.AreEqual(all.N, combined.N);
        Assert.AreEqual(all.Mean, combined.Mean, Math.Abs(all.Mean) * 1e-12);
        Assert.AreEqual(all.Std, combined.Std, all.Std * 1e-12);
        Assert.AreEqual(all.Min, combined.Min);
        Assert.AreEqual(all.Max, combined.Max);
        Assert.AreEqual(6, combined.NonFinite);
        Assert.AreEqual(12, combined.NonNumeric);
        Assert.IsTrue(double.IsNaN(combined.Median), "a median cannot be combined from medians");

        var single = MetricStatistics.Of(new[] { 3.0, 1, 2 });
        Assert.AreEqual(2.0, MetricStatistics.Combine(new[] { single, MetricStatistics.Empty }).Median, "one sample with values keeps its own");
    }

    [TestMethod]
    public void The_statistics_of_the_same_values_in_any_order_are_equal_to_the_last_bit()
    {
        // Values whose running sums round differently by order: listing by id, by creation time, SQL and the group
        // index must all give the same group row.
        var values = new[] { 0.1, 0.7, 0.3, 1e-3, 0.45, 0.2, 0.9999999999999999, 0.3333333333333333 };
        var reference = MetricStatistics.Of(values);
        var random = new Random(13);
        for (var round = 0; round < 50; round++)
        {
            var shuffled = values.OrderBy(_ => random.Next()).ToArray();
            var stats = MetricStatistics.Of(shuffled);
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(reference.Mean), BitConverter.DoubleToInt64Bits(stats.Mean), string.Join(", ", shuffled));
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(reference.Std), BitConverter.DoubleToInt64Bits(stats.Std), string.Join(", ", shuffled));
        }
    }
}
