using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// Which runs the reports show in full (their rows in runs.json and on the page, their curves read from their
/// histories) and which only through their group's aggregates, so that a report's size and cost follow
/// <see cref="ReportOptions.MaxDetailRuns"/>, not the store's history. Groups are taken whole, in this order:
/// the focus groups (always, even past the budget), the baseline group, then the most recent groups, until the
/// next one would not fit. A run without a group is taken on its own, as the group of one it is for retention.
/// </summary>
internal sealed class ReportDetail
{
    /// <summary>The runs shown in full; for a detail chosen by groups, made on first use (only runs.json asks, beside the page).</summary>
    private HashSet<StoredRun>? _detailed;

    private ReportDetail(IReadOnlyList<StoredRun> runs, HashSet<StoredRun> detailed, RunGrouping byGroup, int budget)
    {
        _detailed = detailed;
        Budget = budget;
        Runs = detailed.Count == runs.Count ? runs : runs.Where(detailed.Contains).ToList();
        OmittedRuns = runs.Count - Runs.Count;
        SummaryOnly = OmittedRuns == 0
            ? Array.Empty<RunGroup>()
            : byGroup.Groups.Where(g => !g.Runs.Any(detailed.Contains)).OrderByDescending(Latest).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
    }

    private ReportDetail(IReadOnlyList<StoredRun> runs, IReadOnlyList<RunGroup> summaryOnly, int budget)
    {
        Budget = budget;
        Runs = runs;
        OmittedRuns = summaryOnly.Sum(g => g.RunCount);
        SummaryOnly = summaryOnly.OrderByDescending(g => g.Newest).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>The budget the choice was made with (<see cref="ReportOptions.MaxDetailRuns"/>).</summary>
    public int Budget { get; }

    /// <summary>The runs shown in full, oldest first (the order of the report's runs).</summary>
    public IReadOnlyList<StoredRun> Runs { get; }

    /// <summary>Runs left out of the detail: counted in their group's aggregates only.</summary>
    public int OmittedRuns { get; }

    /// <summary>The groups (by <c>group</c>, as runs.json lists them) none of whose runs is shown in full, the most recent first.</summary>
    public IReadOnlyList<RunGroup> SummaryOnly { get; }

    /// <summary>Whether every run is shown in full: the report is what it was before there were budgets.</summary>
    public bool IsComplete => OmittedRuns == 0;

    /// <summary>Whether the run is shown in full.</summary>
    public bool Contains(StoredRun run) => (_detailed ??= new HashSet<StoredRun>(Runs)).Contains(run);

    /// <param name="runs">The runs of the report, oldest first.</param>
    /// <param name="byGroup">The same runs grouped by <c>group</c>.</param>
    /// <param name="focusGroups">Groups always shown in full.</param>
    /// <param name="baselineGroup">The group the others are compared with, shown in full next when it fits; null when none.</param>
    /// <param name="budget">Most runs shown in full, focus groups aside.</param>
    public static ReportDetail Choose(IReadOnlyList<StoredRun> runs, RunGrouping byGroup, ISet<string> focusGroups, string? baselineGroup, int budget)
    {
        var detailed = new HashSet<StoredRun>();
        if (runs.Count <= budget)
        {
            detailed.UnionWith(runs);
            return new ReportDetail(runs, detailed, byGroup, budget);
        }

        var units = runs.Where(r => r.Group is not null).GroupBy(r => r.Group!, StringComparer.Ordinal)
            .Select(g => new Unit(g.Key, g.ToList()))
            .Concat(runs.Where(r => r.Group is null).Select(r => new Unit(null, new[] { r })))
            .ToList();
        foreach (var unit in DetailOrder.Take(units, u => u.Group, u => u.Runs.Count, u => u.Latest, u => u.Group ?? u.Runs[0].Id, focusGroups, baselineGroup, budget))
        {
            detailed.UnionWith(unit.Runs);
        }

        return new ReportDetail(runs, detailed, byGroup, budget);
    }

    /// <summary>The detail of a report whose groups past the budget were chosen by <see cref="ChooseGroups"/>: <paramref name="runs"/> in full, <paramref name="summaryOnly"/> by their aggregates.</summary>
    public static ReportDetail Of(IReadOnlyList<StoredRun> runs, IReadOnlyList<RunGroup> summaryOnly, int budget) => new(runs, summaryOnly, budget);

    /// <summary>
    /// The groups to read in full when only a store's aggregates are at hand, in the order <see cref="Choose"/> takes
    /// them: a group is its aggregates of every project; the runs without a group are one unit, not one per run.
    /// </summary>
    /// <returns>The aggregates of the groups shown in full.</returns>
    public static IReadOnlyList<GroupAggregate> ChooseGroups(IReadOnlyList<GroupAggregate> aggregates, ISet<string> focusGroups, string? baselineGroup, int budget)
    {
        var units = aggregates.GroupBy(a => a.Group, StringComparer.Ordinal).Select(u => u.ToList()).ToList();
        return DetailOrder.Take(units, u => u[0].Group, u => u.Sum(a => (long)a.Runs), u => u.Max(a => a.NewestCreatedAt), u => u[0].Group ?? string.Empty, focusGroups, baselineGroup, budget)
            .SelectMany(u => u)
            .ToList();
    }

    private static DateTimeOffset Latest(RunGroup group) => group.Newest;

    private sealed class Unit
    {
        public Unit(string? group, IReadOnlyList<StoredRun> runs)
        {
            Group = group;
            Runs = runs;
            Latest = runs.Max(r => r.CreatedAt);
        }

        public string? Group { get; }

        public IReadOnlyList<StoredRun> Runs { get; }

        public DateTimeOffset Latest { get; }
    }
}
