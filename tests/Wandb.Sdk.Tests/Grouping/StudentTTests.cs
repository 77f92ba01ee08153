using Wandb.Grouping.Statistics;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class StudentTTests
{
    // Two-sided 95% critical values from published t tables (Abramowitz & Stegun table 26.10, and the
    // normal quantile 1.959964 as df grows without bound).
    [TestMethod]
    [DataRow(1.0, 12.7062047)]
    [DataRow(2.0, 4.3026527)]
    [DataRow(3.0, 3.1824463)]
    [DataRow(5.0, 2.5705818)]
    [DataRow(10.0, 2.2281389)]
    [DataRow(30.0, 2.0422725)]
    [DataRow(100.0, 1.9839715)]
    [DataRow(1e7, 1.9599642)]
    public void The_95_percent_critical_value_matches_the_t_table(double df, double expected)
    {
        Assert.AreEqual(expected, StudentT.Critical95(df), 1e-6);
    }

    [TestMethod]
    [DataRow(0.9, 4.0, 1.5332063)]
    [DataRow(0.995, 7.0, 3.4994833)]
    [DataRow(0.75, 1.0, 1.0)]
    [DataRow(0.25, 1.0, -1.0)]
    public void Quantiles_match_the_t_table(double p, double df, double expected)
    {
        Assert.AreEqual(expected, StudentT.Quantile(p, df), 1e-6);
    }

    [TestMethod]
    [DataRow(0.975)]
    [DataRow(0.9)]
    [DataRow(0.6)]
    public void Quantiles_of_one_and_two_degrees_of_freedom_match_their_closed_forms_to_the_last_digits(double p)
    {
        // df = 1 is the Cauchy distribution, tan(pi (p - 1/2)); df = 2 has t = (2p - 1) sqrt(2 / (4p (1 - p))). Far in the
        // tail the CDF's own rounding bounds the quantile's precision (p = 0.999: about 1e-13), so these stay where it is exact.
        var cauchy = Math.Tan(Math.PI * (p - 0.5));
        var two = ((2 * p) - 1) * Math.Sqrt(2 / (4 * p * (1 - p)));
        Assert.AreEqual(cauchy, StudentT.Quantile(p, 1), 4e-15 * cauchy, "df = 1");
        Assert.AreEqual(two, StudentT.Quantile(p, 2), 4e-15 * two, "df = 2");
    }

    [TestMethod]
    [DataRow(1.0009)]
    [DataRow(1.5)]
    [DataRow(2.5)]
    [DataRow(3.3)]
    [DataRow(7.7)]
    [DataRow(41.37)]
    [DataRow(398.6)]
    [DataRow(5627.7)]
    [DataRow(1e6 + 0.5)]
    public void The_critical_value_of_fractional_degrees_of_freedom_is_the_quantile_to_the_cdfs_precision(double df)
    {
        // Welch's degrees of freedom are never whole: Critical95 solves for them from an expansion, Quantile from a
        // bracket. Both must land on the same root, where the CDF is 0.975 (to its own precision, about 1e-12 at a million
        // degrees of freedom).
        var critical = StudentT.Critical95(df);
        Assert.AreEqual(StudentT.Quantile(0.975, df), critical, 1e-12 * critical);
        Assert.AreEqual(0.975, StudentT.Cdf(critical, df), 1e-11);
    }

    // t(0.975, df) of fractional degrees of freedom, worked out to 40 digits by mpmath (betainc and findroot): what the
    // Welch comparison's interval uses. Halley's steps stop once a step is too small to leave an error a double can hold;
    // stopping any earlier (or on a wrong step) shows in the last digits here.
    [TestMethod]
    [DataRow(1.5, 6.0166631044279319)]
    [DataRow(2.5, 3.5746548420036832)]
    [DataRow(3.3, 3.0248744618408083)]
    [DataRow(4.2, 2.725072722592375)]
    [DataRow(7.7, 2.3217367528308647)]
    [DataRow(13.1, 2.1586934559793271)]
    [DataRow(41.37, 2.0189925808342857)]
    public void The_critical_value_of_fractional_degrees_of_freedom_matches_a_40_digit_reference(double df, double expected)
    {
        Assert.AreEqual(expected, StudentT.Critical95(df), 4e-15 * expected);
    }

    [TestMethod]
    public void The_cdf_of_one_degree_of_freedom_is_the_cauchy_distribution()
    {
        foreach (var t in new[] { -3.0, -0.5, 0.0, 0.7, 2.0, 40.0 })
        {
            Assert.AreEqual(0.5 + (Math.Atan(t) / Math.PI), StudentT.Cdf(t, 1), 1e-12, $"t={t}");
        }
    }

    [TestMethod]
    public void The_two_sided_p_value_of_two_degrees_of_freedom_has_a_closed_form()
    {
        // For df = 2 the two-sided tail is 1 - |t| / sqrt(t^2 + 2).
        foreach (var t in new[] { 0.1, 1.0, 2.5, 9.0 })
        {
            Assert.AreEqual(1 - (t / Math.Sqrt((t * t) + 2)), StudentT.TwoSidedP(t, 2), 1e-12, $"t={t}");
        }
    }

    [TestMethod]
    public void Undefined_degrees_of_freedom_give_NaN_not_a_number_that_looks_real()
    {
        Assert.IsTrue(double.IsNaN(StudentT.Critical95(0)));
        Assert.IsTrue(double.IsNaN(StudentT.TwoSidedP(1, double.NaN)));
    }
}
