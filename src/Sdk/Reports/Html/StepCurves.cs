using Wandb.Grouping.Curves;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Buckets every run's history on the step axis with the grouping engine's <see cref="CurveBuilder"/>, one
/// shared grid per metric. Runtime and wall time ride along as two extra curves (<c>_runtime</c>,
/// <c>_timestamp</c>: the store rejects user metrics starting with '_', so the names cannot collide), which
/// lets the page plot any metric against runtime, wall time or another metric from the same buckets.
/// </summary>
internal static class StepCurves
{
    public const string Runtime = CurveAxis.RuntimeName;
    public const string Timestamp = CurveAxis.TimestampName;

    public static IReadOnlyDictionary<string, MetricCurves> Build(RunStore store, IEnumerable<StoredRun> runs, int buckets)
    {
        var builder = new CurveBuilder(CurveAxis.Step, buckets);
        foreach (var run in runs)
        {
            var collector = builder.BeginRun(run.Id);
            if (!run.MayHaveHistory)
            {
                continue;
            }

            foreach (var row in store.ReadHistory(run.Id))
            {
                collector.Add(WithTimes(row));
            }
        }

        return builder.Build();
    }

    private static HistoryRow WithTimes(HistoryRow row)
    {
        var values = new Dictionary<string, double>(row.Values.Count + 2, StringComparer.Ordinal);
        foreach (var pair in row.Values)
        {
            values[pair.Key] = pair.Value;
        }

        values[Runtime] = row.Runtime;
        values[Timestamp] = row.Timestamp;
        return new HistoryRow(row.Step, row.Runtime, row.Timestamp, values);
    }
}
