using Wandb.Grouping.Statistics;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class WelchComparisonTests
{
    private static readonly double[] A = { 5.1, 4.9, 6.2, 5.5, 5.8, 6.0, 4.7, 5.3 };
    private static readonly double[] B = { 6.1, 5.9, 7.0, 6.5, 6.8, 7.2, 5.7, 6.3, 6.6 };

    [TestMethod]
    public void The_issue_test_vector_gives_the_published_t_df_and_p()
    {
        var result = WelchComparison.Compare(A, B);

        Assert.AreEqual(-4.0312035, result.T, 1e-7);
        Assert.AreEqual(14.49669, result.Df, 1e-5);
        Assert.AreEqual(0.0011594, result.P, 1e-7);
        Assert.AreEqual(5.4375 - (58.1 / 9), result.Difference, 1e-12);
    }

    [TestMethod]
    public void The_confidence_interval_of_the_difference_uses_t_at_the_welch_degrees_of_freedom()
    {
        var result = WelchComparison.Compare(A, B);

        // Computed independently: se = 0.252543826 from the sample variances, t(0.975, 14.49669) = 2.1379130
        // by numerically integrating the t density; the interval is diff ± t * se.
        Assert.AreEqual(-1.5579723, result.Ci95Low, 1e-6);
        Assert.AreEqual(-0.4781388, result.Ci95High, 1e-6);
    }

    [TestMethod]
    [DataRow(1e-100)]
    [DataRow(1e-150)]
    [DataRow(1e100)]
    [DataRow(1e150)]
    public void Samples_of_tiny_or_huge_values_are_tested_as_the_same_samples_of_ordinary_values(double scale)
    {
        // Welch's degrees of freedom divide the squared variance of the difference by the squared variances: at these
        // scales the squares leave the range of a double (0/0, or a number over 0), though df does not depend on the scale.
        double[] a = { 1, 2, 3.5 }, b = { 4, 5, 6, 7.25 };
        var ordinary = WelchComparison.Compare(a, b);
        var scaled = WelchComparison.Compare(a.Select(v => v * scale), b.Select(v => v * scale));

        Assert.IsTrue(scaled.IsDefined, $"a test at the scale {scale}");
        Assert.AreEqual(ordinary.Df, scaled.Df, 1e-9 * ordinary.Df, "df");
        Assert.AreEqual(ordinary.P, scaled.P, 1e-9 * ordinary.P, "p");
        Assert.AreEqual(ordinary.Ci95Low * scale, scaled.Ci95Low, Math.Abs(1e-9 * ordinary.Ci95Low * scale), "the interval's low end");
        Assert.AreEqual(ordinary.Ci95High * scale, scaled.Ci95High, Math.Abs(1e-9 * ordinary.Ci95High * scale), "the interval's high end");
    }

    [TestMethod]
    public void The_critical_value_at_infinite_degrees_of_freedom_is_the_normal_quantile()
    {
        Assert.AreEqual(1.959963984540054, StudentT.Critical95(double.PositiveInfinity), 1e-15);
    }

    [TestMethod]
    public void Swapping_the_samples_flips_the_sign_and_keeps_p()
    {
        var ab = WelchComparison.Compare(A, B);
        var ba = WelchComparison.Compare(B, A);

        Assert.AreEqual(-ab.T, ba.T, 1e-12);
        Assert.AreEqual(ab.P, ba.P, 1e-12);
        Assert.AreEqual(ab.Df, ba.Df, 1e-9);
    }

    [TestMethod]
    public void A_sample_of_one_run_has_a_difference_but_no_test()
    {
        var result = WelchComparison.Compare(new[] { 3.0 }, B);

        Assert.AreEqual(3.0 - (58.1 / 9), result.Difference, 1e-12);
        Assert.IsFalse(result.IsDefined);
        Assert.IsTrue(double.IsNaN(result.T));
    }

    [TestMethod]
    public void Identical_constant_samples_have_no_test_rather_than_a_division_by_zero()
    {
        var result = WelchComparison.Compare(new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, 1.0 });

        Assert.AreEqual(0, result.Difference);
        Assert.IsFalse(result.IsDefined);
    }

    [TestMethod]
    public void NaN_values_are_left_out_of_the_comparison()
    {
        var withNaN = A.Concat(new[] { double.NaN, double.PositiveInfinity }).ToArray();

        var result = WelchComparison.Compare(withNaN, B);

        Assert.AreEqual(8, result.CountA);
        Assert.AreEqual(-4.0312035, result.T, 1e-7);
    }
}
