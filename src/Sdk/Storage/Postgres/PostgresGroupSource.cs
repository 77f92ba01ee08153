using Wandb.Grouping.Aggregates;

namespace Wandb.Storage.Postgres;

/// <summary>The PostgreSQL store's groups: each question one SQL statement (a bounded count, the aggregates, a join of the groups shown).</summary>
internal sealed class PostgresGroupSource : GroupSource
{
    private readonly PostgresRunStore _store;
    private readonly RunFilter _filter;

    public PostgresGroupSource(PostgresRunStore store, RunFilter filter)
    {
        _store = store;
        _filter = filter;
    }

    public override bool HoldsMoreRunsThan(int count) => _store.HoldsMoreRunsThan(_filter, count);

    public override IReadOnlyList<GroupAggregate> Aggregates() => _store.AggregateGroups(_filter);

    public override IReadOnlyList<GroupAggregate> AggregatesWithActivity() => _store.AggregateActivity(_filter);

    public override IReadOnlyList<StoredRun> RunsOf(IReadOnlyCollection<(string Project, string? Group)> groups) => _store.ListRunsOfGroups(_filter, groups);
}
