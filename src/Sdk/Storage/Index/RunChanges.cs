namespace Wandb.Storage.Index;

/// <summary>
/// The runs one listing changes in the snapshot it lists from: the ids of the runs it adds, replaces, changes or drops,
/// and each one's line as indexed before (an append compares a run read again with it). When the snapshot is the one
/// the same store object kept from its listing before (<see cref="Since"/>), these are all that differ from that
/// listing, so the listing and the group index visit them instead of every run of the store: a refresh after a build
/// that added 20 runs to 100,000 made two passes over all 100,000 (copying the runs by id and sorting them, then
/// checking each against the group index), about 60 ms, for 20 runs.
/// </summary>
internal sealed class RunChanges
{
    private readonly IReadOnlyDictionary<string, IndexedRun> _runs;
    private readonly Dictionary<string, ReadOnlyMemory<byte>?> _indexedLines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);
    private List<string>? _ids;

    /// <param name="runs">The runs by id about to be changed.</param>
    /// <param name="since">The listing of exactly those runs before any change, in id order; null when there is none.</param>
    public RunChanges(IReadOnlyDictionary<string, IndexedRun> runs, IReadOnlyList<IndexedRun>? since)
    {
        _runs = runs;
        Since = since;
    }

    /// <summary>The listing the changes are made to, in id order; null when the runs were not listed before (the snapshot was read from its file).</summary>
    public IReadOnlyList<IndexedRun>? Since { get; }

    /// <summary>The ids of the runs changed, in ordinal order.</summary>
    public IReadOnlyList<string> Ids => _ids ??= _indexedLines.Keys.OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>Notes that run <paramref name="id"/> is about to be added, replaced, changed or dropped: call it before the change.</summary>
    public void Note(string id)
    {
        if (!_indexedLines.ContainsKey(id))
        {
            var listed = _runs.TryGetValue(id, out var run);
            _indexedLines.Add(id, listed ? run!.Line : null);
            if (listed)
            {
                _listed.Add(id);
            }

            _ids = null;
        }
    }

    /// <summary>Whether run <paramref name="id"/>, noted as changed, was listed before it changed (false: it was added since).</summary>
    public bool WasListed(string id) => _listed.Contains(id);

    /// <summary>The line run <paramref name="id"/> had before it changed; null for a run that had none or did not change.</summary>
    public ReadOnlyMemory<byte>? IndexedLine(string id) => _indexedLines.TryGetValue(id, out var line) ? line : null;

    /// <summary>The changed runs that are still listed, in id order.</summary>
    public IEnumerable<IndexedRun> Listed() => Ids.Select(id => _runs.TryGetValue(id, out var run) ? run : null).OfType<IndexedRun>();
}
