using Wandb.Grouping.Statistics;

namespace Wandb.Grouping.Aggregates;

/// <summary>
/// What a store says about one (project, group) without listing its runs: how many, in which states, the newest,
/// the job types, and per numeric summary metric the statistics <see cref="SummaryStatistics.Of"/> gives. Every
/// store answers with the numbers a report computes from the runs themselves (<see cref="GroupAggregator"/>).
/// </summary>
internal sealed class GroupAggregate
{
    public GroupAggregate(
        string project,
        string? group,
        int runs,
        IReadOnlyDictionary<RunState, int> states,
        DateTimeOffset newestCreatedAt,
        IReadOnlyList<string> jobTypes,
        bool anyWithoutJobType,
        IReadOnlyDictionary<string, MetricStatistics> metrics,
        GroupActivity? activity = null)
    {
        Project = project;
        Group = group;
        Runs = runs;
        States = states;
        NewestCreatedAt = newestCreatedAt;
        JobTypes = jobTypes;
        AnyWithoutJobType = anyWithoutJobType;
        Metrics = metrics;
        Activity = activity;
    }

    public string Project { get; }

    /// <summary>The group, or null for the project's runs without one.</summary>
    public string? Group { get; }

    public int Runs { get; }

    /// <summary>Runs per state, only the states that occur, in <see cref="RunState"/> order.</summary>
    public IReadOnlyDictionary<RunState, int> States { get; }

    /// <summary>When the group's newest run was created.</summary>
    public DateTimeOffset NewestCreatedAt { get; }

    /// <summary>The job types the group's runs have, ordinal order; runs without one add none.</summary>
    public IReadOnlyList<string> JobTypes { get; }

    /// <summary>Whether a run of the group has no job type (runs.json lists it as a null job type).</summary>
    public bool AnyWithoutJobType { get; }

    /// <summary>Per numeric summary metric (nested keys flattened to <c>a.b</c>), ordinal order.</summary>
    public IReadOnlyDictionary<string, MetricStatistics> Metrics { get; }

    /// <summary>
    /// When the group was last written and on which branches, for retention; null when the store did not compute it
    /// (PostgreSQL computes it only when asked, <see cref="Storage.GroupSource.AggregatesWithActivity"/>).
    /// </summary>
    public GroupActivity? Activity { get; }
}
