using System.Globalization;
using Microsoft.ML;
using Wandb.Storage;

namespace Wandb.MLNet.Tests.Infrastructure;

/// <summary>Checks the fold runs in a store against ML.NET's own per-fold metrics.</summary>
internal static class FoldAssertions
{
    public static List<StoredRun> AssertOneRunPerFold<TMetrics>(
        TempStore store,
        IReadOnlyList<TrainCatalogBase.CrossValidationResult<TMetrics>> results,
        Func<TMetrics, IReadOnlyDictionary<string, double>> expectedSummary,
        int? seed = null,
        string jobType = "fold")
        where TMetrics : class
    {
        var runs = store.Runs();
        Assert.HasCount(results.Count, runs, "one run per fold");
        Assert.HasCount(1, runs.Select(r => r.Group).Distinct().ToList(), "all folds in one group");
        Assert.IsNotNull(runs[0].Group);
        foreach (var result in results)
        {
            var run = runs.SingleOrDefault(r => Convert.ToInt64(r.Config["fold"], CultureInfo.InvariantCulture) == result.Fold);
            Assert.IsNotNull(run, $"a run for fold {result.Fold}");
            Assert.AreEqual(jobType, run.JobType);
            Assert.AreEqual(RunState.Finished, run.State);
            if (seed is not null)
            {
                Assert.AreEqual((long)seed, Convert.ToInt64(run.Config["seed"], CultureInfo.InvariantCulture));
            }

            var expected = expectedSummary(result.Metrics);
            Assert.IsNotEmpty(expected);
            foreach (var pair in expected)
            {
                Assert.IsTrue(run.Summary.TryGetValue(pair.Key, out var stored), $"fold {result.Fold}: summary lacks {pair.Key}; has {string.Join(", ", run.Summary.Keys)}");
                var actual = Convert.ToDouble(stored, CultureInfo.InvariantCulture);
                if (double.IsNaN(pair.Value))
                {
                    Assert.IsTrue(double.IsNaN(actual), $"fold {result.Fold}: {pair.Key} should be NaN, was {actual}");
                }
                else
                {
                    Assert.AreEqual(pair.Value, actual, 1e-12, $"fold {result.Fold}: {pair.Key}");
                }
            }
        }

        return runs;
    }
}
