using Newtonsoft.Json.Linq;
using Wandb.Grouping.Statistics;

namespace Wandb.Report.BrowserTests.PageScript;

/// <summary>
/// The page computes statistics itself when it regroups runs by a key or aggregates chart buckets; the C#
/// engine computes them for every other report. Both must show the same figures for the same values.
/// </summary>
[TestClass]
public sealed class StatisticsParityTests
{
    [TestMethod]
    public async Task The_page_statistics_equal_the_engine_statistics_on_shared_vectors()
    {
        var cases = Vectors().ToList();
        var page = await PageFigures.ComputeAsync("page-statistics.js", new { vectors = cases.Select(c => c.Values) });
        Assert.AreEqual(cases.Count, page.Count);

        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var engine = MetricStatistics.Of(cases[i].Values);
            mismatches.AddRange(PageFigures.Mismatches(cases[i].Name, new (string, double, JToken)[]
            {
                ("n", engine.N, page[i]["n"]!),
                ("mean", engine.Mean, page[i]["mean"]!),
                ("median", engine.Median, page[i]["median"]!),
                ("min", engine.Min, page[i]["min"]!),
                ("max", engine.Max, page[i]["max"]!),
                ("std", engine.Std, page[i]["std"]!),
                ("stderr", engine.StdErr, page[i]["stderr"]!),
                ("95% CI low", engine.Ci95Low, page[i]["ci_low"]!),
                ("95% CI high", engine.Ci95High, page[i]["ci_high"]!),
            }));
        }

        Assert.AreEqual(0, mismatches.Count, "\n" + string.Join("\n", mismatches));
    }

    private static IEnumerable<(string Name, double[] Values)> Vectors()
    {
        var random = new Random(20_26);
        double[] Noise(int n, double center, double spread) => Enumerable.Range(0, n).Select(_ => center + ((random.NextDouble() - 0.5) * spread)).ToArray();

        yield return ("n = 1", new[] { 3.7 });
        yield return ("n = 2", new[] { 1.5, 2.25 });
        yield return ("constant", new[] { 0.3, 0.3, 0.3, 0.3, 0.3 });
        yield return ("mixed signs, odd n", new[] { -2.5, 0, 1e-3, 7.25, 3.1, -0.4, 12 });
        yield return ("even n", new[] { 0.91, 0.87, 0.9, 0.93 });
        yield return ("df 29", Noise(30, 0.8, 0.1));
        yield return ("df 30", Noise(31, 0.8, 0.1));
        yield return ("df 31", Noise(32, 0.8, 0.1));
        yield return ("df 199", Noise(200, -5, 3));
        yield return ("df 999", Noise(1000, 1, 1));
        yield return ("1e12 plus small noise", Noise(25, 1e12, 1e-2));
        yield return ("negative 1e15", Noise(12, -1e15, 1e3));
        yield return ("near 1e300", Noise(9, 1e300, 1e299));
        yield return ("near the largest double", new[] { 1.6e308, 1.7e308, 1.75e308 });
        yield return ("near 1e-300", Noise(9, 1e-300, 1e-301));
        yield return ("spread over 600 orders of magnitude", new[] { 1e-300, 1, 1e300 });
    }
}
