using Newtonsoft.Json.Linq;
using Wandb.Grouping.Statistics;

namespace Wandb.Report.BrowserTests.PageScript;

/// <summary>
/// The page compares groups itself (over the runs it shows: a group page, a project, a filter); summary.md
/// and the console compare them with the C# engine. Both must give the same difference, t, df, p and
/// confidence interval for the same samples.
/// </summary>
[TestClass]
public sealed class ComparisonParityTests
{
    [TestMethod]
    public async Task The_page_welch_test_equals_the_engine_welch_test_on_shared_samples()
    {
        var cases = Pairs().ToList();
        var page = await PageFigures.ComputeAsync("page-welch.js", new { pairs = cases.Select(c => new[] { c.A, c.B }) });
        Assert.AreEqual(cases.Count, page.Count);

        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var engine = WelchComparison.Compare(cases[i].A, cases[i].B);
            mismatches.AddRange(PageFigures.Mismatches(cases[i].Name, new (string, double, JToken)[]
            {
                ("difference", engine.Difference, page[i]["difference"]!),
                ("t", engine.T, page[i]["t"]!),
                ("df", engine.Df, page[i]["df"]!),
                ("p", engine.P, page[i]["p"]!),
                ("95% CI low", engine.Ci95Low, page[i]["ci_low"]!),
                ("95% CI high", engine.Ci95High, page[i]["ci_high"]!),
            }));
        }

        Assert.AreEqual(0, mismatches.Count, "\n" + string.Join("\n", mismatches));
    }

    private static IEnumerable<(string Name, double[] A, double[] B)> Pairs()
    {
        var random = new Random(20_27);
        double[] Noise(int n, double center, double spread) => Enumerable.Range(0, n).Select(_ => center + ((random.NextDouble() - 0.5) * spread)).ToArray();

        yield return ("the documented check vector", new[] { 5.1, 4.9, 6.2, 5.5, 5.8, 6.0, 4.7, 5.3 }, new[] { 6.1, 5.9, 7.0, 6.5, 6.8, 7.2, 5.7, 6.3, 6.6 });
        yield return ("one value", new[] { 3.0 }, new[] { 1.0, 2.0 });
        yield return ("no spread in either", new[] { 1.0, 1.0 }, new[] { 2.0, 2.0, 2.0 });
        yield return ("spread in one only", new[] { 1.0, 1.0, 1.0 }, new[] { 2.0, 2.5, 3.0 });
        yield return ("two and two", new[] { 0.91, 0.87 }, new[] { 0.9, 0.93 });
        yield return ("whole degrees of freedom", new[] { 1.0, 2.0, 3.0 }, new[] { 4.0, 5.0, 6.0 });
        yield return ("nearly equal", Noise(30, 0.8, 0.1), Noise(30, 0.8, 0.1));
        yield return ("far apart", Noise(12, 0.5, 0.01), Noise(9, 0.9, 0.01));
        yield return ("unequal sizes and spreads", Noise(5, 10, 8), Noise(200, 11, 0.5));
        yield return ("1e12 plus small noise", Noise(20, 1e12, 1e-2), Noise(20, 1e12 + 1e-3, 1e-2));
        yield return ("tiny values", Noise(10, 1e-200, 1e-201), Noise(10, 2e-200, 1e-201));
        yield return ("large values", Noise(10, 1e150, 1e149), Noise(10, 2e150, 1e149));
        yield return ("non-finite values are left out", new[] { 1.0, double.NaN, 2.0, double.PositiveInfinity, 3.0 }, new[] { 4.0, 5.0, double.NegativeInfinity, 7.0 });
    }
}
