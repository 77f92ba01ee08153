using System.Collections;
using System.Collections.Concurrent;

namespace Wandb.Storage.Index.Groups;

/// <summary>
/// Each group's runs as listed (<see cref="GroupedListing.Members"/>), in id order. A grouping that found every listed run
/// where its group index file vouches for it (<see cref="GroupIndexUpdate"/>) makes a group's list only when it is asked
/// for, from the file's line of that group: a report reads the lists of the groups it shows in full (a few thousand
/// runs), not of the 100,000 runs of the store. Lists set since (the groups a later listing changed) come first.
/// </summary>
internal sealed class GroupMembers : IReadOnlyDictionary<GroupKey, IReadOnlyList<IndexedRun>>
{
    private readonly Dictionary<GroupKey, IReadOnlyList<IndexedRun>?> _set;
    private readonly Unread? _unread;

    private GroupMembers(Dictionary<GroupKey, IReadOnlyList<IndexedRun>?> set, Unread? unread)
    {
        _set = set;
        _unread = unread;
    }

    /// <summary>Every group's list, made already.</summary>
    public static GroupMembers Of(Dictionary<GroupKey, IReadOnlyList<IndexedRun>> lists) =>
        new(lists.ToDictionary(p => p.Key, p => (IReadOnlyList<IndexedRun>?)p.Value), unread: null);

    /// <summary>
    /// The lists of the groups of <paramref name="entries"/>, each made when first asked for from the group's members in
    /// the file, found in <paramref name="listed"/>. Every member must be listed, and every listed run a member.
    /// </summary>
    /// <param name="entries">The group index's entries as read from its file.</param>
    /// <param name="groups">The groups the file holds.</param>
    /// <param name="listed">The listing, in id order.</param>
    public static GroupMembers FromFile(GroupIndexEntries entries, IEnumerable<GroupKey> groups, IReadOnlyList<IndexedRun> listed) =>
        new(new Dictionary<GroupKey, IReadOnlyList<IndexedRun>?>(), new Unread(entries, new HashSet<GroupKey>(groups), listed));

    public IReadOnlyList<IndexedRun> this[GroupKey key] => TryGetValue(key, out var runs) ? runs : throw new KeyNotFoundException($"No group {key}.");

    public IEnumerable<GroupKey> Keys =>
        _set.Where(p => p.Value is not null).Select(p => p.Key)
            .Concat(_unread is null ? Enumerable.Empty<GroupKey>() : _unread.Groups.Where(k => !_set.ContainsKey(k)));

    public IEnumerable<IReadOnlyList<IndexedRun>> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public bool ContainsKey(GroupKey key) => _set.TryGetValue(key, out var runs) ? runs is not null : _unread?.Groups.Contains(key) == true;

    public bool TryGetValue(GroupKey key, out IReadOnlyList<IndexedRun> value)
    {
        if (_set.TryGetValue(key, out var runs))
        {
            value = runs!;
            return runs is not null;
        }

        if (_unread is not null && _unread.Groups.Contains(key))
        {
            value = _unread.Of(key);
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>
    /// These lists with those of <paramref name="changed"/> set (null: the group is gone): the members of a grouping brought
    /// up to date, sharing the lists not made yet.
    /// </summary>
    public GroupMembers With(IReadOnlyDictionary<GroupKey, IReadOnlyList<IndexedRun>?> changed)
    {
        var set = new Dictionary<GroupKey, IReadOnlyList<IndexedRun>?>(_set);
        foreach (var pair in changed)
        {
            if (pair.Value is null && _unread?.Groups.Contains(pair.Key) != true)
            {
                set.Remove(pair.Key);
            }
            else
            {
                set[pair.Key] = pair.Value;
            }
        }

        return new GroupMembers(set, _unread);
    }

    public IEnumerator<KeyValuePair<GroupKey, IReadOnlyList<IndexedRun>>> GetEnumerator() =>
        Keys.Select(k => new KeyValuePair<GroupKey, IReadOnlyList<IndexedRun>>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The groups whose lists are made from the file when asked for; a list once made is kept.</summary>
    private sealed class Unread
    {
        private readonly GroupIndexEntries _entries;
        private readonly IReadOnlyList<IndexedRun> _listed;
        private readonly ConcurrentDictionary<GroupKey, IReadOnlyList<IndexedRun>> _made = new();

        public Unread(GroupIndexEntries entries, HashSet<GroupKey> groups, IReadOnlyList<IndexedRun> listed)
        {
            _entries = entries;
            Groups = groups;
            _listed = listed;
        }

        public HashSet<GroupKey> Groups { get; }

        public IReadOnlyList<IndexedRun> Of(GroupKey key) => _made.GetOrAdd(key, Make);

        private IReadOnlyList<IndexedRun> Make(GroupKey key)
        {
            var runs = _entries.FileMembers(key).Select(id => RunsInIdOrder.Find(_listed, id)).OfType<IndexedRun>().ToList();
            runs.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            return runs;
        }
    }
}
