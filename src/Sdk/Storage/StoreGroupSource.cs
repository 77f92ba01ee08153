using Wandb.Grouping.Aggregates;

namespace Wandb.Storage;

/// <summary>The group source of a store that answers each question with a query of its own (PostgreSQL: each one SQL statement).</summary>
internal sealed class StoreGroupSource : GroupSource
{
    private readonly RunStore _store;
    private readonly RunFilter _filter;

    public StoreGroupSource(RunStore store, RunFilter filter)
    {
        _store = store;
        _filter = filter;
    }

    public override bool HoldsMoreRunsThan(int count) => _store.HoldsMoreRunsThan(_filter, count);

    public override IReadOnlyList<GroupAggregate> Aggregates() => _store.AggregateGroups(_filter);

    public override IReadOnlyList<StoredRun> RunsOf(IReadOnlyCollection<(string Project, string? Group)> groups) => _store.ListRunsOfGroups(_filter, groups);
}
