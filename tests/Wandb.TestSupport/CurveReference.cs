using System.Globalization;
using Wandb.Grouping.Curves;
using Wandb.Storage;

namespace Wandb.TestSupport;

/// <summary>
/// The page's step-axis curves as they were made before the curve cache: every history streamed through one builder,
/// each row copied with its runtime and wall time as two more metrics. Tests of the cache compare with these.
/// </summary>
internal static class CurveReference
{
    public static IReadOnlyDictionary<string, MetricCurves> FromHistories(RunStore store, IEnumerable<StoredRun> runs, int buckets)
    {
        var builder = new CurveBuilder(CurveAxis.Step, buckets);
        foreach (var run in runs)
        {
            builder.AddRun(run.Id, store.ReadHistory(run.Id).Select(row =>
            {
                var values = new Dictionary<string, double>(row.Values, StringComparer.Ordinal)
                {
                    [CurveAxis.RuntimeName] = row.Runtime,
                    [CurveAxis.TimestampName] = row.Timestamp,
                };
                return new HistoryRow(row.Step, row.Runtime, row.Timestamp, values);
            }));
        }

        return builder.Build();
    }

    /// <summary>Every chart's grid and every run's buckets as text, numbers round-tripped: equal lists are equal curves to the bit.</summary>
    public static List<string> Describe(IReadOnlyDictionary<string, MetricCurves> curves) =>
        curves.SelectMany(pair => new[] { $"{pair.Key}: 2^{pair.Value.Grid.Exponent} from {pair.Value.Grid.First}, {pair.Value.Grid.Count} buckets" }
            .Concat(pair.Value.Runs.Select(r => $"  {r.RunId} points {r.Points} non-finite {r.NonFinite} last {Numbers(r.Last)} min {Numbers(r.Min)} max {Numbers(r.Max)}")))
            .ToList();

    private static string Numbers(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
