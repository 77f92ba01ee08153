using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Grouping.Statistics;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the group comparisons the page shows next to the grouped table, computed by the grouping engine
/// (<see cref="GroupComparison"/>: Welch's t-test of each group against the best one) for every single-key
/// grouping the page offers and every numeric summary metric, per project when there are several.
/// </summary>
internal static class ComparisonWriter
{
    // Six significant digits are more than the page shows.
    private const string NumberFormat = "G6";

    public static void Write(JsonWriter json, IReadOnlyList<StoredRun> runs, MetricGoals goals)
    {
        json.WriteStartArray();
        var projects = runs.Select(r => r.Project).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        WriteScope(json, null, runs, goals, projects.Count > 1);
        if (projects.Count > 1)
        {
            foreach (var project in projects)
            {
                WriteScope(json, project, runs.Where(r => r.Project == project).ToList(), goals, false);
            }
        }

        json.WriteEndArray();
    }

    private static void WriteScope(JsonWriter json, string? project, IReadOnlyList<StoredRun> runs, MetricGoals goals, bool byProject)
    {
        foreach (var (pageKey, key) in Keys(runs, byProject))
        {
            var grouping = RunGrouper.Group(runs, new[] { key });
            if (grouping.Groups.Count < 2)
            {
                continue;
            }

            var metrics = grouping.Groups.SelectMany(g => g.Summary.Keys).Distinct(StringComparer.Ordinal)
                .Where(m => !m.StartsWith("_", StringComparison.Ordinal)).OrderBy(m => m, StringComparer.Ordinal);
            foreach (var metric in metrics)
            {
                var comparison = GroupComparison.Create(grouping, metric, goals, null);
                if (comparison is not null && comparison.Rows.Any(r => r.Test.IsDefined))
                {
                    WriteComparison(json, project, pageKey, comparison);
                }
            }
        }
    }

    /// <summary>The single keys the page's group-by picker offers, as (page key id, engine key).</summary>
    private static IEnumerable<(string PageKey, GroupingKey Key)> Keys(IReadOnlyList<StoredRun> runs, bool byProject)
    {
        var builtIn = new List<string> { GroupingKey.Group, GroupingKey.JobType, GroupingKey.State, GroupingKey.Tags };
        if (byProject)
        {
            builtIn.Add(GroupingKey.Project);
        }

        foreach (var name in builtIn)
        {
            yield return (name, GroupingKey.Parse(name));
        }

        var configKeys = runs.SelectMany(r => r.FlatConfig.Keys).Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var key in configKeys)
        {
            yield return ("config:" + key, GroupingKey.Parse(GroupingKey.ConfigPrefix + key));
        }
    }

    private static void WriteComparison(JsonWriter json, string? project, string pageKey, GroupComparison comparison)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Project, project);
        json.WriteProperty("key", pageKey);
        json.WriteProperty("metric", comparison.Metric);
        json.WriteProperty("higher_is_better", !comparison.LowerIsBetter);
        json.WritePlainValue("baseline", Value(comparison.Baseline));
        json.WritePropertyName("rows");
        json.WriteStartArray();
        WriteRow(json, comparison.Baseline, comparison.Metric, null);
        foreach (var (group, test) in comparison.Rows)
        {
            WriteRow(json, group, comparison.Metric, test);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRow(JsonWriter json, RunGroup group, string metric, WelchComparison? test)
    {
        var stats = group.Summary.TryGetValue(metric, out var s) ? s : MetricStatistics.Empty;
        json.WriteStartObject();
        json.WritePlainValue(JsonFields.Group, Value(group));
        json.WriteShortNumber(JsonFields.N, stats.N, NumberFormat);
        json.WriteShortNumber(JsonFields.Mean, stats.Mean, NumberFormat);
        json.WriteShortNumber(JsonFields.Std, stats.Std, NumberFormat);
        if (test is not null)
        {
            json.WriteShortNumber("diff", test.Difference, NumberFormat);
            json.WriteShortNumber("ci_low", test.Ci95Low, NumberFormat);
            json.WriteShortNumber("ci_high", test.Ci95High, NumberFormat);
            json.WriteShortNumber("t", test.T, NumberFormat);
            json.WriteShortNumber("df", test.Df, NumberFormat);
            json.WriteShortNumber("p", test.P, NumberFormat);
        }

        json.WriteEndObject();
    }

    private static object? Value(RunGroup group) => group.Path.Count == 0 ? null : group.Path[0].JsonValue;
}
