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
    /// Whether every aggregate carries its group's <see cref="GroupAggregate.Activity"/> (the folder store's group index
    /// keeps it), so retention can choose from the aggregates; false for PostgreSQL, whose SQL leaves it out.
    /// </summary>
    public virtual bool KeepsActivity => false;

    /// <summary>The runs selected of the given groups (each a project and a group, null for the project's runs without one).</summary>
    public abstract IReadOnlyList<StoredRun> RunsOf(IReadOnlyCollection<(string Project, string? Group)> groups);
}
