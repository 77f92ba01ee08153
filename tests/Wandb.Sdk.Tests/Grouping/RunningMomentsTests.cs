using Wandb.Grouping.Statistics;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class RunningMomentsTests
{
    [TestMethod]
    public void A_hand_worked_sample_has_the_textbook_mean_and_variance()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sample variance 32 / 7.
        var moments = Add(2, 4, 4, 4, 5, 5, 7, 9);

        Assert.AreEqual(8, moments.Count);
        Assert.AreEqual(5.0, moments.Mean, 1e-15);
        Assert.AreEqual(32.0, moments.M2, 1e-12);
        Assert.AreEqual(32.0 / 7, moments.Variance, 1e-12);
        Assert.AreEqual(2.0, moments.Min);
        Assert.AreEqual(9.0, moments.Max);
    }

    [TestMethod]
    public void Chans_merge_of_two_halves_equals_one_pass()
    {
        var whole = Add(2, 4, 4, 4, 5, 5, 7, 9);
        var merged = RunningMoments.Merge(Add(2, 4, 4), Add(4, 5, 5, 7, 9));

        Assert.AreEqual(whole.Count, merged.Count);
        Assert.AreEqual(whole.Mean, merged.Mean, 1e-14);
        Assert.AreEqual(whole.M2, merged.M2, 1e-12);
        Assert.AreEqual(whole.Min, merged.Min);
        Assert.AreEqual(whole.Max, merged.Max);
    }

    [TestMethod]
    public void Merging_with_an_empty_part_changes_nothing()
    {
        var part = Add(1, 2, 3);

        Assert.AreEqual(part.M2, RunningMoments.Merge(part, default).M2);
        Assert.AreEqual(part.Mean, RunningMoments.Merge(default, part).Mean);
    }

    [TestMethod]
    public void A_large_offset_does_not_destroy_the_variance()
    {
        // The naive sum-of-squares formula loses every digit here (1e18 squared swamps the deviations);
        // Welford keeps them: 1e9 + {4, 7, 13, 16} has variance 30 exactly.
        var moments = Add(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);

        Assert.AreEqual(30.0, moments.Variance, 1e-6);
    }

    [TestMethod]
    public void Fewer_than_two_values_have_no_variance()
    {
        Assert.IsTrue(double.IsNaN(Add().Variance));
        Assert.IsTrue(double.IsNaN(Add(3).Variance));
    }

    private static RunningMoments Add(params double[] values)
    {
        var moments = default(RunningMoments);
        foreach (var value in values)
        {
            moments.Add(value);
        }

        return moments;
    }
}
