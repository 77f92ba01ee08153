using System.Globalization;
using Wandb.Grouping.Aggregates;
using Wandb.Grouping.Statistics;

namespace Wandb.Cli.Commands;

/// <summary>
/// The table <c>dotnet wandb ls --groups</c> prints: one row per project and group with its run count, states, newest
/// run and, per metric, n, mean ± std dev of the runs' summary values. No run is listed, so the store answers from its
/// aggregates however many runs it holds.
/// </summary>
internal static class GroupTable
{
    /// <summary>Metric columns when none is named: as many as fit beside the rest on a usual terminal.</summary>
    public const int DefaultMetrics = 3;

    public static void Write(TextWriter output, string location, IReadOnlyList<GroupAggregate> groups, IReadOnlyList<string> metrics)
    {
        var runs = groups.Sum(g => (long)g.Runs);
        output.WriteLine($"{RunTable.Plural(groups.Count, "group")} of {RunTable.Plural(runs, "run")} · {RunTable.Clean(location)}");
        if (groups.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var header = new List<string> { "GROUP", "PROJECT", "RUNS", "STATES", "NEWEST (UTC)" };
        header.AddRange(metrics.Select(m => RunTable.Clean(m) + " (n: mean ± std)"));
        var rows = new List<IReadOnlyList<string>> { header };
        foreach (var group in groups)
        {
            var cells = new List<string>
            {
                group.Group is null ? "(no group)" : RunTable.Clean(group.Group),
                RunTable.Clean(group.Project),
                group.Runs.ToString("N0", CultureInfo.InvariantCulture),
                string.Join(", ", group.States.Select(s => $"{s.Value.ToString("N0", CultureInfo.InvariantCulture)} {s.Key.ToName()}")),
                group.NewestCreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            };
            cells.AddRange(metrics.Select(m => group.Metrics.TryGetValue(m, out var stats) ? Cell(stats) : "-"));
            rows.Add(cells);
        }

        RunTable.WriteAligned(output, rows);
    }

    /// <summary>
    /// The metrics to show when the user named none: those most runs of all groups have a number for, by the rule
    /// reports choose their key metrics with.
    /// </summary>
    public static IReadOnlyList<string> KeyMetrics(IReadOnlyList<GroupAggregate> groups)
    {
        var runsWithNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in groups.SelectMany(g => g.Metrics))
        {
            runsWithNumber[pair.Key] = (runsWithNumber.TryGetValue(pair.Key, out var count) ? count : 0) + pair.Value.N + pair.Value.NonFinite;
        }

        return Wandb.Reports.KeyMetricChooser.Choose(runsWithNumber, DefaultMetrics);
    }

    private static string Cell(MetricStatistics stats)
    {
        var n = stats.N.ToString(CultureInfo.InvariantCulture) + ": ";
        if (stats.N == 0)
        {
            return n + "-";
        }

        var mean = stats.Mean.ToString("G4", CultureInfo.InvariantCulture);
        return double.IsNaN(stats.Std) ? n + mean : n + mean + " ± " + stats.Std.ToString("G3", CultureInfo.InvariantCulture);
    }
}
