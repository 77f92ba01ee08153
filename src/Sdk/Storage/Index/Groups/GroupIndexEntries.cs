namespace Wandb.Storage.Index.Groups;

/// <summary>
/// What the group index knows of each run (<see cref="GroupIndexRun"/>, by run id). An index read from its file keeps
/// its entries in the file's group lines until one run's entry is needed: the read-ahead of a build or a test run finds
/// every listed run where the file vouches for it (<see cref="GroupIndexUpdate"/>) and needs no entry at all, where a
/// dictionary of a 100,000-run store's entries (100,000 id strings and entries, each surviving every collection of the
/// read-ahead) cost about a fifth of its CPU. Runs added since (a test run's results) are kept beside the file's.
/// Only used under the store's lock, like the rest of <see cref="GroupIndex"/>.
/// </summary>
internal sealed class GroupIndexEntries
{
    private readonly IReadOnlyList<(GroupKey Key, ReadOnlyMemory<byte> Line)> _fileGroups;
    private readonly IReadOnlyList<(string Id, ulong Hash)> _fileUncounted;
    private readonly int _fileCount;
    private readonly Dictionary<string, GroupIndexRun> _added = new(StringComparer.Ordinal);
    private Dictionary<string, GroupIndexRun>? _all;

    /// <summary>
    /// With every entry in memory: each group's run ids, and the ids no group counts, made on the first
    /// <see cref="Grouped"/> and kept up to date by <see cref="Set"/> and <see cref="Remove"/>. Writing the index after a
    /// build changed one group of a 100,000-run store walked every entry to find that group's runs (3-7 ms of the refresh).
    /// </summary>
    private Dictionary<GroupKey, HashSet<string>>? _byGroup;

    private HashSet<string>? _uncountedIds;

    /// <param name="all">Every entry, by run id; the entries are this object's from now on.</param>
    public GroupIndexEntries(Dictionary<string, GroupIndexRun> all)
    {
        _all = all;
        _fileGroups = Array.Empty<(GroupKey, ReadOnlyMemory<byte>)>();
        _fileUncounted = Array.Empty<(string, ulong)>();
    }

    /// <param name="fileGroups">Each group's line of the file, whose members are read when needed (<see cref="GroupIndexCodec.ReadMembers"/>).</param>
    /// <param name="fileUncounted">The runs no group counts, as the file's last line lists them.</param>
    /// <param name="fileCount">How many runs the file holds: its groups' members and the uncounted runs, each once.</param>
    public GroupIndexEntries(IReadOnlyList<(GroupKey Key, ReadOnlyMemory<byte> Line)> fileGroups, IReadOnlyList<(string Id, ulong Hash)> fileUncounted, int fileCount)
    {
        _fileGroups = fileGroups;
        _fileUncounted = fileUncounted;
        _fileCount = fileCount;
    }

    /// <summary>Whether every entry is in memory; false while an index read from its file has needed none.</summary>
    public bool IsRead => _all is not null;

    /// <summary>Whether the entries are exactly the file's: none read, none added since.</summary>
    public bool AreTheFile => _all is null && _added.Count == 0;

    /// <summary>How many runs the index holds.</summary>
    public int Count => _all?.Count ?? _fileCount + _added.Count;

    /// <summary>Every entry by run id, read from the file's lines the first time.</summary>
    public Dictionary<string, GroupIndexRun> All => _all ??= ReadAll();

    /// <summary>The run ids of the file's line of <paramref name="key"/>, in the file's order; empty for a group the file does not hold.</summary>
    public IReadOnlyList<string> FileMembers(GroupKey key)
    {
        foreach (var (groupKey, line) in _fileGroups)
        {
            if (groupKey.Equals(key))
            {
                return GroupIndexCodec.ReadMembers(line.Span).Select(m => m.Id).ToList();
            }
        }

        return Array.Empty<string>();
    }

    /// <summary>The entry of run <paramref name="id"/>, or null when the index does not hold it. Reads every entry of a file first.</summary>
    public GroupIndexRun? Find(string id) => All.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>Records the entry of run <paramref name="id"/>.</summary>
    /// <param name="id">The run.</param>
    /// <param name="entry">Its group and fingerprint.</param>
    /// <param name="isNew">True when the index is known not to hold the run (it was not listed when the index was made): an index read from its file then keeps the entry beside the file's, without reading them.</param>
    public void Set(string id, GroupIndexRun entry, bool isNew)
    {
        if (_all is null && isNew)
        {
            _added[id] = entry;
            return;
        }

        var all = All;
        if (_byGroup is not null)
        {
            if (all.TryGetValue(id, out var before))
            {
                Unindex(id, before.Key);
            }

            Index(id, entry.Key);
        }

        all[id] = entry;
    }

    /// <summary>Forgets run <paramref name="id"/>; true when the index held it.</summary>
    /// <param name="id">The run.</param>
    /// <param name="isNew">As for <see cref="Set"/>: true when the file is known not to hold the run.</param>
    public bool Remove(string id, bool isNew)
    {
        if (_all is null && isNew)
        {
            return _added.Remove(id);
        }

        var all = All;
        if (_byGroup is not null && all.TryGetValue(id, out var before))
        {
            Unindex(id, before.Key);
        }

        return all.Remove(id);
    }

    /// <summary>
    /// The entries of the groups <paramref name="wanted"/> names, in run id order, and those of the runs no group counts:
    /// what the file's lines of those groups and its last line are written from. An index whose entries were never read
    /// reads only those groups' lines.
    /// </summary>
    public Dictionary<GroupKey, List<KeyValuePair<string, GroupIndexRun>>> Grouped(Func<GroupKey, bool> wanted, out List<KeyValuePair<string, GroupIndexRun>> uncounted)
    {
        var members = new Dictionary<GroupKey, List<KeyValuePair<string, GroupIndexRun>>>();
        uncounted = new List<KeyValuePair<string, GroupIndexRun>>();
        if (_all is not null)
        {
            // The runs of the groups wanted and the uncounted ones found by their ids, not by walking every entry; in id
            // order, as a listing lists them.
            if (_byGroup is null)
            {
                IndexByGroup(_all);
            }

            foreach (var pair in _byGroup!)
            {
                if (wanted(pair.Key))
                {
                    members.Add(pair.Key, InIdOrder(pair.Value));
                }
            }

            uncounted.AddRange(InIdOrder(_uncountedIds!));
            return members;
        }

        foreach (var (key, line) in _fileGroups.Where(g => wanted(g.Key)))
        {
            members[key] = GroupIndexCodec.ReadMembers(line.Span).Select(m => new KeyValuePair<string, GroupIndexRun>(m.Id, new GroupIndexRun(key, m.Hash))).ToList();
        }

        uncounted.AddRange(_fileUncounted.Select(m => new KeyValuePair<string, GroupIndexRun>(m.Id, new GroupIndexRun(null, m.Hash))));
        foreach (var run in _added)
        {
            Add(members, uncounted, wanted, run);
        }

        foreach (var list in members.Values.Append(uncounted))
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return members;
    }

    /// <summary>
    /// With every entry in memory, finds each group's runs now (a walk of every entry), so that writing the index later
    /// finds a changed group's runs by their ids: a read-ahead does it, while the build or test run goes on.
    /// </summary>
    public void IndexByGroup()
    {
        if (_all is not null && _byGroup is null)
        {
            IndexByGroup(_all);
        }
    }

    private List<KeyValuePair<string, GroupIndexRun>> InIdOrder(HashSet<string> ids)
    {
        var list = new List<KeyValuePair<string, GroupIndexRun>>(ids.Count);
        foreach (var id in ids)
        {
            list.Add(new KeyValuePair<string, GroupIndexRun>(id, _all![id]));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    private void IndexByGroup(Dictionary<string, GroupIndexRun> all)
    {
        _byGroup = new Dictionary<GroupKey, HashSet<string>>();
        _uncountedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in all)
        {
            Index(pair.Key, pair.Value.Key);
        }
    }

    private void Index(string id, GroupKey? key)
    {
        if (key is null)
        {
            _uncountedIds!.Add(id);
        }
        else if (_byGroup!.TryGetValue(key, out var ids))
        {
            ids.Add(id);
        }
        else
        {
            _byGroup.Add(key, new HashSet<string>(StringComparer.Ordinal) { id });
        }
    }

    private void Unindex(string id, GroupKey? key)
    {
        if (key is null)
        {
            _uncountedIds!.Remove(id);
        }
        else if (_byGroup!.TryGetValue(key, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            _byGroup.Remove(key);
        }
    }

    private static void Add(Dictionary<GroupKey, List<KeyValuePair<string, GroupIndexRun>>> members, List<KeyValuePair<string, GroupIndexRun>> uncounted, Func<GroupKey, bool> wanted, KeyValuePair<string, GroupIndexRun> run)
    {
        if (run.Value.Key is not { } key)
        {
            uncounted.Add(run);
        }
        else if (!wanted(key))
        {
            // Its line is copied as it is.
        }
        else if (members.TryGetValue(key, out var list))
        {
            list.Add(run);
        }
        else
        {
            members.Add(key, new List<KeyValuePair<string, GroupIndexRun>> { run });
        }
    }

    private Dictionary<string, GroupIndexRun> ReadAll()
    {
        var all = new Dictionary<string, GroupIndexRun>(Count, StringComparer.Ordinal);
        foreach (var (key, line) in _fileGroups)
        {
            AddMembers(all, key, GroupIndexCodec.ReadMembers(line.Span));
        }

        AddMembers(all, null, _fileUncounted);
        foreach (var run in _added)
        {
            all[run.Key] = run.Value;
        }

        return all;
    }

    /// <summary>
    /// Adds a group's members. A method of its own: the runtime compiles a loop that runs hot (100,000 members) again with
    /// full optimisation, and recompiling this small method costs less than recompiling its caller.
    /// </summary>
    private static void AddMembers(Dictionary<string, GroupIndexRun> all, GroupKey? key, IReadOnlyList<(string Id, ulong Hash)> members)
    {
        foreach (var (id, hash) in members)
        {
            all[id] = new GroupIndexRun(key, hash);
        }
    }
}
