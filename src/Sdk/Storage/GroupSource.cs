using Wandb.Grouping.Aggregates;

namespace Wandb.Storage;

/// <summary>
/// One look at the runs a filter selects, by project and group, for a report that may show only some groups in full
/// (<see cref="Reports.ReportModel"/>): whether there are more runs than its budget, every group's aggregate, and the
/// runs of the groups it shows. A store answers from what it keeps beside its runs (PostgreSQL in SQL, the folder store
/// from its group index) instead of reading every run.
/// </summary>
internal abstract class GroupSource
{
    /// <summary>Whether the filter selects more than <paramref name="count"/> runs.</summary>
    public abstract bool HoldsMoreRunsThan(int count);

    /// <summary>Per project and group of the runs selected, in <see cref="GroupAggregator.Compare"/> order: the numbers reports show.</summary>
    public abstract IReadOnlyList<GroupAggregate> Aggregates();

    /// <summary>
    /// Per project and group, the aggregates with each group's <see cref="GroupAggregate.Activity"/>, what retention
    /// judges groups by; their metric statistics may be left out (PostgreSQL computes activity instead of them).
    /// </summary>
    public abstract IReadOnlyList<GroupAggregate> AggregatesWithActivity();

    /// <summary>The runs selected of the given groups (each a project and a group, null for the project's runs without one).</summary>
    public abstract IReadOnlyList<StoredRun> RunsOf(IReadOnlyCollection<(string Project, string? Group)> groups);
}
