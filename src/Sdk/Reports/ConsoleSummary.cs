using System.Text;
using Wandb.Grouping;

namespace Wandb.Reports;

/// <summary>
/// The few lines printed at the end of a build or test run: how many runs and groups, each group's n and
/// key metrics (focus groups first), the comparison headline, and where the reports are. User strings
/// are stripped of control characters so a run name cannot rewrite the terminal.
/// </summary>
internal static class ConsoleSummary
{
    private const string Prefix = "wandb: ";
    private const int MaxGroups = 5;
    private const int MaxMetrics = 3;

    public static IReadOnlyList<string> Lines(ReportModel model, IEnumerable<string> reportPaths, string directory)
    {
        var lines = new List<string>();
        var states = string.Join(", ", model.Runs.GroupBy(r => r.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToName()}"));
        var grouping = model.Main.IsOff ? "ungrouped" : $"{model.Main.Groups.Count} group(s) by {model.Main.Title}";
        lines.Add($"{Prefix}{model.Runs.Count} run(s), {grouping}{(states.Length > 0 ? " (" + states + ")" : string.Empty)}");
        if (!model.Main.IsOff)
        {
            var focus = new HashSet<string>(model.Options.FocusGroups, StringComparer.Ordinal);
            var ordered = model.Main.Groups
                .OrderBy(g => focus.Contains(g.Label) ? 0 : 1)
                .ToList();
            var metrics = model.KeyMetrics.Take(MaxMetrics).ToList();
            var best = metrics.ToDictionary(m => m, m => GroupComparison.Best(model.Main.Groups, m, model.Goals), StringComparer.Ordinal);
            foreach (var group in ordered.Take(MaxGroups))
            {
                var parts = metrics
                    .Where(m => group.Summary.TryGetValue(m, out var s) && s.N > 0)
                    .Select(m => $"{Clean(m)} {Stat(group, m)}{(model.Main.Groups.Count > 1 && ReferenceEquals(best[m], group) ? " (best)" : string.Empty)}");
                lines.Add($"{Prefix}  {Clean(group.Label)}  n={group.Runs.Count}  {string.Join(", ", parts)}".TrimEnd());
            }

            if (ordered.Count > MaxGroups)
            {
                lines.Add($"{Prefix}  …and {ordered.Count - MaxGroups} more group(s)");
            }
        }

        else if (model.Runs.Count > 0)
        {
            // Ungrouped: one line over all runs still says where the key metrics stand.
            var all = new RunGroup(Array.Empty<GroupValue>(), model.Runs, "all runs");
            var parts = model.KeyMetrics.Take(MaxMetrics)
                .Where(m => all.Summary.TryGetValue(m, out var s) && s.N > 0)
                .Select(m => $"{Clean(m)} {Stat(all, m)}");
            lines.Add($"{Prefix}  all runs  n={model.Runs.Count}  {string.Join(", ", parts)}".TrimEnd());
        }

        var comparison = model.Comparison;
        var closest = comparison?.Rows.Where(r => r.Test.IsDefined).OrderBy(r => r.Test.P).FirstOrDefault();
        if (comparison is not null && closest?.Group is not null)
        {
            var (group, test) = closest.Value;
            lines.Add($"{Prefix}{Clean(group.Label)} vs best {Clean(comparison.Baseline.Label)} on {Clean(comparison.Metric)}: difference {NumberText.Format(test.Difference)} (95% CI {NumberText.Format(test.Ci95Low)} to {NumberText.Format(test.Ci95High)}), p={NumberText.P(test.P)}");
        }

        var paths = reportPaths.ToList();
        lines.Add(paths.Count == 0 ? $"{Prefix}reports: none written ({directory})" : $"{Prefix}reports: {string.Join(" | ", paths)}");
        return lines;
    }

    private static string Stat(RunGroup group, string metric)
    {
        var stats = group.Summary[metric];
        return stats.N >= 2 ? $"{NumberText.Format(stats.Mean)} ± {NumberText.Format(stats.Std)}" : NumberText.Format(stats.Mean);
    }

    private static string Clean(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 60));
        foreach (var c in text.Length > 60 ? text.Substring(0, 59) + "…" : text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
