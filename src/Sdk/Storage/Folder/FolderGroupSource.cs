using Wandb.Grouping.Aggregates;
using Wandb.Storage.Index;
using Wandb.Storage.Index.Groups;

namespace Wandb.Storage.Folder;

/// <summary>
/// The folder store's answer to a report past its budget: one listing of the run index (no run's documents read),
/// counted against the budget first; only when it holds more runs is the group index brought up to date, and then only
/// the runs of the groups shown in full are assembled.
/// </summary>
internal sealed class FolderGroupSource : GroupSource
{
    private readonly FolderRunStore _store;
    private readonly string? _project;
    private IndexListing? _listing;
    private GroupedListing? _grouped;

    /// <param name="store">The store.</param>
    /// <param name="project">The project the runs are of, or null for every project.</param>
    public FolderGroupSource(FolderRunStore store, string? project)
    {
        _store = store;
        _project = project;
    }

    public override bool HoldsMoreRunsThan(int count) =>

        // Each listed entry is at most one run: a listing no longer than the budget needs no group index.
        Listing().Runs.Count > count && Selected().Sum(a => (long)a.Runs) > count;

    /// <summary>The group index keeps each group's activity beside its aggregate.</summary>
    public override IReadOnlyList<GroupAggregate> AggregatesWithActivity() => Aggregates();

    public override IReadOnlyList<GroupAggregate> Aggregates()
    {
        var aggregates = Selected().ToList();
        aggregates.Sort(GroupAggregator.Compare);
        return aggregates;
    }

    /// <summary>
    /// The runs of the groups, assembled. A line that does not read (edited by hand, a disk error, where the group index
    /// took it as the line it fingerprinted) rebuilds the run index from the run files, as a listing that meets it does,
    /// and the runs are read from the rebuilt index; the store's <see cref="RunStore.IndexRebuildReason"/> says why.
    /// </summary>
    public override IReadOnlyList<StoredRun> RunsOf(IReadOnlyCollection<(string Project, string? Group)> groups)
    {
        try
        {
            return Assembled(groups);
        }
        catch (AggregateException ex) when (FolderRunStore.Unreadable(ex) is { } unreadable)
        {
            _listing = _store.ListIndexed(unreadable.Message);
            _grouped = _store.ListGrouped(_listing);
            return Assembled(groups);
        }
    }

    private List<StoredRun> Assembled(IReadOnlyCollection<(string Project, string? Group)> groups)
    {
        var members = Grouped().Members;
        var wanted = groups
            .Select(g => new GroupKey(g.Project, g.Group))
            .Where(k => _project is null || k.Project == _project)
            .Distinct()
            .SelectMany(k => members.TryGetValue(k, out var runs) ? runs : Array.Empty<IndexedRun>())
            .ToList();

        // Only the runs not assembled yet go to every core: the refresh finds those the read-ahead assembled ready, and
        // handing 5,000 ready runs to both cores cost more in their hand-overs than taking them (about 5 ms of a
        // 100,000-run store's refresh). They are then taken in order.
        _store.AssembleOnEveryCore(wanted);
        var assembled = new List<StoredRun>(wanted.Count);
        foreach (var run in wanted)
        {
            if (_store.Assemble(run) is { } stored)
            {
                assembled.Add(stored);
            }
        }

        return assembled;
    }

    private IEnumerable<GroupAggregate> Selected() => Grouped().Aggregates.Where(a => _project is null || a.Project == _project);

    private IndexListing Listing() => _listing ??= _store.ListIndexed();

    private GroupedListing Grouped() => _grouped ??= _store.ListGrouped(Listing());
}
