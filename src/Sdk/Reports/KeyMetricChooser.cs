using Wandb.Grouping;
using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// Picks the metrics a short report shows when the user named none: the numeric summary metrics most runs
/// have. The test logger's own bookkeeping (a test's <c>duration</c>) comes after every metric the runs
/// logged themselves: it is on every test run, so by count alone it would always be the metric groups are
/// compared on, and a test project's groups would be ranked by how long their tests took.
/// </summary>
internal static class KeyMetricChooser
{
    public const int DefaultCount = 5;

    /// <summary>Up to <see cref="DefaultCount"/> numeric summary metrics: the runs' own metrics before the test logger's, most common first, then by name; names starting with "_" are internal and skipped.</summary>
    public static IReadOnlyList<string> Choose(IEnumerable<StoredRun> runs)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var pair in ConfigFlattener.Flatten(run.Summary))
            {
                if (!pair.Key.StartsWith("_", StringComparison.Ordinal) && SummaryStatistics.TryNumber(pair.Value, out _))
                {
                    counts[pair.Key] = counts.TryGetValue(pair.Key, out var c) ? c + 1 : 1;
                }
            }
        }

        return Choose(counts, DefaultCount);
    }

    /// <summary>Up to <paramref name="take"/> of the metrics in <paramref name="runsWithNumber"/> (how many runs have a number for each), by the same rule.</summary>
    public static IReadOnlyList<string> Choose(IReadOnlyDictionary<string, int> runsWithNumber, int take) =>
        runsWithNumber
            .Where(p => !p.Key.StartsWith("_", StringComparison.Ordinal))
            .OrderBy(p => TestLoggerSummary.Keys.Contains(p.Key) ? 1 : 0)
            .ThenByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(take)
            .Select(p => p.Key)
            .ToList();
}
