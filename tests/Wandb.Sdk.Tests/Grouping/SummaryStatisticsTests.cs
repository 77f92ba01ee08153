using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class SummaryStatisticsTests
{
    /// <summary>One metric's statistics must be those of all metrics, read for that metric, whatever the values.</summary>
    [TestMethod]
    public void One_metrics_statistics_equal_that_metric_of_every_metrics_statistics()
    {
        var random = new Random(7);
        object?[] odd = { double.NaN, double.PositiveInfinity, "n/a", true, null, 3L, 2.5f, new List<object?> { 1.0 } };
        for (var trial = 0; trial < 300; trial++)
        {
            var runs = Enumerable.Range(0, random.Next(0, 8)).Select(i =>
            {
                var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var name in new[] { "acc", "loss", "label" })
                {
                    if (random.Next(4) > 0)
                    {
                        summary[name] = random.Next(3) == 0 ? odd[random.Next(odd.Length)] : random.NextDouble();
                    }
                }

                if (random.Next(4) == 0)
                {
                    summary["eval"] = new Dictionary<string, object?> { ["acc"] = random.Next(2) == 0 ? random.NextDouble() : odd[random.Next(odd.Length)] };
                }

                return new StoredRun { Id = "r" + i, Name = "r" + i, Project = "p", Summary = summary };
            }).ToList();

            var all = SummaryStatistics.Of(runs);
            foreach (var metric in new[] { "acc", "loss", "label", "eval.acc", "missing" })
            {
                var one = SummaryStatistics.OfMetric(runs, metric);
                all.TryGetValue(metric, out var expected);
                Assert.AreEqual(Describe(expected), Describe(one), $"trial {trial}, {metric}");
            }
        }
    }

    private static string Describe(Wandb.Grouping.Statistics.MetricStatistics? s) =>
        s is null ? "none" : $"n={s.N} mean={s.Mean:R} median={s.Median:R} min={s.Min:R} max={s.Max:R} std={s.Std:R} nonfinite={s.NonFinite} nonnumeric={s.NonNumeric}";
}
