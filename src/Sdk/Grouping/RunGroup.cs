using Wandb.Grouping.Aggregates;
using Wandb.Grouping.Statistics;
using Wandb.Storage;

namespace Wandb.Grouping;

/// <summary>
/// One row of a grouped table: the runs whose keys have the values in <see cref="Path"/>, and their summary statistics.
/// A group the reports summarise from a store's aggregates (<see cref="FromAggregates"/>) holds no runs: its counts,
/// states, job types and statistics are the store's, equal to what its runs would give.
/// </summary>
internal sealed class RunGroup
{
    private readonly IReadOnlyList<GroupAggregate>? _aggregates;

    // Summed once: reports ask for each group's run count several times a refresh (500 summarised groups at 100,000 runs).
    private readonly int _aggregatedRuns;
    private IReadOnlyDictionary<string, MetricStatistics>? _summary;

    // Counted once, on first use: every report asks for them, some per row, and a test run's group has thousands of runs.
    private IReadOnlyList<KeyValuePair<RunState, int>>? _states;
    private IReadOnlyList<string?>? _jobTypes;
    private IReadOnlyList<string>? _projects;

    public RunGroup(IReadOnlyList<GroupValue> path, IReadOnlyList<StoredRun> runs, string label)
    {
        Path = path;
        Runs = runs;
        Label = label;
    }

    private RunGroup(IReadOnlyList<GroupAggregate> aggregates)
    {
        var value = GroupValue.OfText(aggregates[0].Group);
        Path = new[] { value };
        Runs = Array.Empty<StoredRun>();
        Label = value.Label;
        _aggregates = aggregates;
        _aggregatedRuns = aggregates.Sum(a => a.Runs);
        _summary = aggregates.Count == 1 ? aggregates[0].Metrics : Merge(aggregates);
    }

    /// <summary>The value of each grouping key, outermost first; empty when grouping is off.</summary>
    public IReadOnlyList<GroupValue> Path { get; }

    /// <summary>The group's runs; none for a group summarised from the store's aggregates.</summary>
    public IReadOnlyList<StoredRun> Runs { get; }

    /// <summary>Path labels joined with " / ", or the run's name when grouping is off.</summary>
    public string Label { get; }

    /// <summary>Per numeric summary metric, statistics of the runs' values (computed once, on first use).</summary>
    public IReadOnlyDictionary<string, MetricStatistics> Summary => _summary ??= SummaryStatistics.Of(Runs);

    /// <summary>Whether the group comes from a store's aggregates, without its runs.</summary>
    public bool IsAggregate => _aggregates is not null;

    /// <summary>The store's aggregate this group is, when it is summarised from one aggregate (one project's group); else null.</summary>
    public GroupAggregate? OnlyAggregate => _aggregates is { Count: 1 } ? _aggregates[0] : null;

    /// <summary>How many runs the group has, listed or not.</summary>
    public int RunCount => _aggregates is null ? Runs.Count : _aggregatedRuns;

    /// <summary>Runs per state, only the states that occur, in <see cref="RunState"/> order.</summary>
    public IReadOnlyList<KeyValuePair<RunState, int>> States => _states ??= RunStateCounts.Sum(_aggregates is not null
        ? _aggregates.SelectMany(a => a.States)
        : Runs.Select(r => new KeyValuePair<RunState, int>(r.State, 1)));

    /// <summary>The job types of the group's runs, ordinal order; null last when a run has none.</summary>
    public IEnumerable<string?> JobTypes => _jobTypes ??= (_aggregates is not null
        ? _aggregates.SelectMany(a => a.JobTypes).Distinct(StringComparer.Ordinal).OrderBy(j => j, StringComparer.Ordinal)
            .Concat(_aggregates.Any(a => a.AnyWithoutJobType) ? new string?[] { null } : Array.Empty<string?>())
        : Runs.Select(r => r.JobType).Distinct().OrderBy(j => j is null).ThenBy(j => j, StringComparer.Ordinal)).ToList();

    /// <summary>The projects of the group's runs, ordinal order.</summary>
    public IEnumerable<string> Projects => _projects ??= (_aggregates?.Select(a => a.Project) ?? Runs.Select(r => r.Project))
        .Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>When the group's newest run was created.</summary>
    public DateTimeOffset Newest => _aggregates?.Max(a => a.NewestCreatedAt) ?? Runs.Max(r => r.CreatedAt);

    public IEnumerable<string> RunIds => Runs.Select(r => r.Id);

    /// <summary>
    /// The group of a grouping by <c>group</c> that a store's aggregates describe, one per project using the name. With
    /// several, counts, means, standard deviations and extremes are combined exactly; a median cannot be, and is undefined.
    /// </summary>
    public static RunGroup FromAggregates(IReadOnlyList<GroupAggregate> aggregates) => new(aggregates);

    private static IReadOnlyDictionary<string, MetricStatistics> Merge(IReadOnlyList<GroupAggregate> aggregates) =>
        new SortedDictionary<string, MetricStatistics>(
            aggregates.SelectMany(a => a.Metrics).GroupBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => MetricStatistics.Combine(g.Select(p => p.Value).ToList()), StringComparer.Ordinal),
            StringComparer.Ordinal);
}
