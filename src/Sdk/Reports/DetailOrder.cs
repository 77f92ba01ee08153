namespace Wandb.Reports;

/// <summary>
/// The order in which the reports give whole units (groups, or a run without a group) their full detail: the focus
/// groups always, even past the budget; the baseline group; then the most recent units, newest first, as long as the
/// next one fits (the first that does not ends the list). Runs shown in full (<see cref="ReportDetail"/>) and the
/// page's curves (<see cref="Html.HtmlBudget"/>) are chosen this one way.
/// </summary>
internal static class DetailOrder
{
    /// <param name="units">What to choose from.</param>
    /// <param name="group">A unit's group; null for a run without one.</param>
    /// <param name="size">How much of the budget a unit takes.</param>
    /// <param name="latest">When a unit's newest run was created.</param>
    /// <param name="tieBreak">Orders units of the same time (ordinal).</param>
    /// <param name="focusGroups">Groups always taken.</param>
    /// <param name="baselineGroup">Taken next when it fits; null when none.</param>
    /// <param name="budget">Most taken, focus groups aside.</param>
    /// <returns>The units taken, in the order taken.</returns>
    public static List<T> Take<T>(
        IEnumerable<T> units,
        Func<T, string?> group,
        Func<T, long> size,
        Func<T, DateTimeOffset> latest,
        Func<T, string> tieBreak,
        ISet<string> focusGroups,
        string? baselineGroup,
        long budget)
    {
        var all = units.ToList();
        bool IsFocus(T unit) => group(unit) is { } name && focusGroups.Contains(name);
        bool IsBaseline(T unit) => group(unit) is { } name && name == baselineGroup;
        var ordered = all.Where(IsFocus)
            .Concat(all.Where(u => !IsFocus(u) && IsBaseline(u)))
            .Concat(all.Where(u => !IsFocus(u) && !IsBaseline(u)).OrderByDescending(latest).ThenBy(tieBreak, StringComparer.Ordinal));
        var taken = new List<T>();
        var used = 0L;
        foreach (var unit in ordered)
        {
            if (!IsFocus(unit) && used + size(unit) > budget)
            {
                break;
            }

            taken.Add(unit);
            used += size(unit);
        }

        return taken;
    }
}
