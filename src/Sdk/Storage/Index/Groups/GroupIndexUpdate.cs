using System.Runtime.CompilerServices;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Polyfills;

namespace Wandb.Storage.Index.Groups;

/// <summary>
/// Brings the group index up to date with a listing of the run index. A run whose snapshot line has the fingerprint
/// the group index recorded (or is the very entry it saw last, or lies within the part of the snapshot file the group
/// index covers: <see cref="GroupIndex.Covers"/>) stays in its group without being read; every other run
/// (new, changed, live) is assembled to find its group. A group keeps its aggregate when all its runs are unchanged and
/// none left it; the others are aggregated again from their runs. A refresh after a build that added <i>k</i> runs
/// therefore reads the <i>k</i> runs and the runs of the groups they joined, not the store.
/// </summary>
internal static class GroupIndexUpdate
{
    private const int RunsPerTask = 1024;

    /// <param name="listing">The run index's listing, every entry.</param>
    /// <param name="previous">The group index as last written or computed.</param>
    /// <param name="assemble">Assembles a listed run (null for one no group counts); called from several threads.</param>
    /// <param name="changed">Whether the result differs from <paramref name="previous"/> in more than its live runs, so it is worth writing.</param>
    public static GroupedListing Apply(IndexListing listing, GroupIndex previous, Func<IndexedRun, StoredRun?> assemble, out bool changed)
    {
        var listed = listing.Runs;
        var covered = Covered.Of(listing, previous);
        if (TryApplyCovered(listing, previous, covered, out changed) is { } asRead)
        {
            return asRead;
        }

        var entries = new GroupIndexRun[listed.Count];
        var unchanged = new bool[listed.Count];
        var matched = 0;
        var changedRuns = 0;
        var fingerprinted = 0;
        Parallel.For(
            0,
            (listed.Count + RunsPerTask - 1) / RunsPerTask,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree },
            chunk =>
            {
                var (chunkMatched, chunkChanged, chunkHashed) = Check(listed, previous, covered, assemble, entries, unchanged, chunk * RunsPerTask, Math.Min(listed.Count, (chunk + 1) * RunsPerTask));
                Interlocked.Add(ref matched, chunkMatched);
                Interlocked.Add(ref changedRuns, chunkChanged);
                Interlocked.Add(ref fingerprinted, chunkHashed);
            });

        var members = new Dictionary<GroupKey, List<IndexedRun>>();
        var dirty = new HashSet<GroupKey>();
        var runs = new Dictionary<string, GroupIndexRun>(listed.Count, StringComparer.Ordinal);
        for (var i = 0; i < listed.Count; i++)
        {
            runs[listed[i].Id] = entries[i];
            if (entries[i].Key is not { } key)
            {
                continue;
            }

            if (!members.TryGetValue(key, out var list))
            {
                // As many runs as the group had last time: a group of thousands of test results grows once, not a dozen times.
                members.Add(key, list = new List<IndexedRun>(previous.Groups.TryGetValue(key, out var before) ? before.Runs : 4));
            }

            list.Add(listed[i]);
            if (!unchanged[i])
            {
                dirty.Add(key);
            }
        }

        var groups = new Dictionary<GroupKey, GroupAggregate>(members.Count);
        var lines = new Dictionary<GroupKey, ReadOnlyMemory<byte>>();
        var stale = new List<GroupKey>();
        foreach (var pair in members)
        {
            // A run that left the group (deleted, or now in another) leaves it with fewer runs than its aggregate counts.
            if (!dirty.Contains(pair.Key) && previous.Groups.TryGetValue(pair.Key, out var kept) && kept.Runs == pair.Value.Count)
            {
                groups.Add(pair.Key, kept);

                // Same aggregate, same runs with the same fingerprints: the line written for it is still the line.
                if (previous.Lines.TryGetValue(pair.Key, out var line))
                {
                    lines.Add(pair.Key, line);
                }
            }
            else
            {
                stale.Add(pair.Key);
            }
        }

        AggregateAgain(stale.SelectMany(k => members[k]), assemble, groups);

        // A snapshot written whole since (a new generation) is worth recording even when no run changed: until then, every
        // listing would fingerprint every line again.
        changed = changedRuns > 0 || matched < previous.Entries.Count || groups.Count != previous.Groups.Count || previous.Covers != listing.Snapshot;
        return new GroupedListing(new GroupIndex(runs, groups, lines, listing.Snapshot, previous.Base), GroupMembers.Of(members.ToDictionary(p => p.Key, p => (IReadOnlyList<IndexedRun>)p.Value)), fingerprinted, checkedRuns: listed.Count);
    }

    /// <summary>
    /// The grouping of a listing every run of which lies where the group index read from its file vouches for it (within
    /// the snapshot bytes it covers, of the same generation, none live), as many runs as the file holds: the file's
    /// groups, aggregates and lines as they are, each group's list of runs made only when asked for. This is the read-ahead
    /// of a build or a test run into a store nobody wrote since its last report: no entry per run is made. Null otherwise.
    /// </summary>
    /// <remarks>
    /// A run whose latest line lies within the covered bytes has the very line the listing the file was computed from had
    /// (a later line of it would lie past them), so the file holds it; a run leaves the snapshot only by a new generation.
    /// Listed runs are distinct and the file holds each run once (<see cref="GroupIndexCodec.Read(byte[], byte[])"/>), so as many listed
    /// runs as the file holds are exactly its runs.
    /// </remarks>
    private static GroupedListing? TryApplyCovered(IndexListing listing, GroupIndex previous, Covered covered, out bool changed)
    {
        changed = false;
        var listed = listing.Runs;
        // Runs added since the file was read (kept beside its entries) are in no group's line of it.
        if (!previous.Entries.AreTheFile || !covered.Any || listed.Count != previous.Entries.Count || !AllCovered(listed, covered))
        {
            return null;
        }

        // A file written before the snapshot grew by segments of no run is worth writing with the mark it now has.
        changed = previous.Covers != listing.Snapshot;
        var index = new GroupIndex(previous.Entries, previous.Groups, new Dictionary<GroupKey, ReadOnlyMemory<byte>>(previous.Lines), listing.Snapshot, previous.Base);
        return new GroupedListing(index, GroupMembers.FromFile(previous.Entries, previous.Groups.Keys, listed), fingerprinted: 0, checkedRuns: listed.Count);
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool AllCovered(IReadOnlyList<IndexedRun> listed, Covered covered)
    {
        for (var i = 0; i < listed.Count; i++)
        {
            var run = listed[i];
            if (run.Live || run.Line is not { } line || !covered.Holds(line))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Brings the index of <paramref name="last"/> up to date with a listing made from the very listing it was brought up
    /// to date with, which names the runs that changed since (<see cref="IndexListing.Changes"/>): only those runs are
    /// fingerprinted (and read when their line changed), only the member lists of the groups they left or joined are made
    /// again, and only the groups whose runs changed are aggregated again. Gives what <see cref="Apply"/> gives for the
    /// listing, without visiting every run of the store. <paramref name="last"/> is superseded: its index's run entries
    /// and group lines are changed in place.
    /// </summary>
    /// <param name="listing">The run index's listing.</param>
    /// <param name="last">The grouping of the listing <paramref name="listing"/> was made from.</param>
    /// <param name="changes">The runs that differ from that listing.</param>
    /// <param name="assemble">Assembles a listed run (null for one no group counts); called from several threads.</param>
    /// <param name="changed">Whether the result differs from the index of <paramref name="last"/> in more than its live runs, so it is worth writing.</param>
    public static GroupedListing ApplyChanges(IndexListing listing, GroupedListing last, RunChanges changes, Func<IndexedRun, StoredRun?> assemble, out bool changed)
    {
        var previous = last.Index;
        var ids = changes.Ids;
        var now = ids.Select(id => RunsInIdOrder.Find(listing.Runs, id)).ToArray();

        // The index holds exactly the runs of the listing before: a run not listed then (a test run's results) has no entry,
        // and an index read from its file is not read for it.
        var isNew = ids.Select(id => !changes.WasListed(id)).ToArray();
        var known = ids.Select((id, i) => isNew[i] ? null : previous.Entries.Find(id)).ToArray();

        // As Check does: a run whose line has the fingerprint recorded stays in its group unread; the others are read.
        var fingerprinted = 0;
        var entries = new GroupIndexRun?[ids.Count];
        var toRead = new List<int>();
        var dirty = new HashSet<GroupKey>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (now[i] is not { } run)
            {
                // Gone: its group lost a run.
                AddTo(dirty, known[i]?.Key, null);
                continue;
            }

            var trusted = !run.Live && run.Line is not null;
            var hash = trusted ? LineHash.Of(run.Line!.Value.Span) : 0UL;
            fingerprinted += trusted ? 1 : 0;
            if (trusted && known[i] is { } same && same.Hash == hash)
            {
                entries[i] = same with { SeenLine = run.Line };
                continue;
            }

            entries[i] = new GroupIndexRun(null, hash, trusted ? run.Line : null);
            toRead.Add(i);
        }

        // Nothing is changed in place before every run is read: a run that does not read leaves the index as it was.
        var read = toRead.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree).Select(i => assemble(now[i]!)).ToList();
        var changedRuns = 0;
        for (var r = 0; r < toRead.Count; r++)
        {
            var i = toRead[r];
            var key = read[r] is { } assembled ? new GroupKey(assembled.Project, assembled.Group) : (GroupKey?)null;
            entries[i] = entries[i]! with { Key = key };
            changedRuns += now[i]!.Live ? 0 : 1;
            AddTo(dirty, key, known[i]?.Key);
        }

        // The member lists of the groups a changed run is or was in are made again (a run read again is a new entry even
        // when its group kept it); every other group's list is the one before.
        var lists = new Dictionary<GroupKey, IReadOnlyList<IndexedRun>?>();
        var regrouped = new HashSet<GroupKey>();
        for (var i = 0; i < ids.Count; i++)
        {
            AddTo(regrouped, known[i]?.Key, entries[i]?.Key);
        }

        var changedIds = new HashSet<string>(ids, StringComparer.Ordinal);
        var joining = Enumerable.Range(0, ids.Count).Where(i => entries[i]?.Key is not null).ToLookup(i => entries[i]!.Key!, i => now[i]!);
        foreach (var key in regrouped)
        {
            var before = last.Members.TryGetValue(key, out var was) ? was : Array.Empty<IndexedRun>();
            var list = RunsInIdOrder.Merge(before.Where(r => !changedIds.Contains(r.Id)).ToList(), joining[key].ToList());
            lists[key] = list.Count == 0 ? null : list;
        }

        var members = last.Members.With(lists);

        var groups = previous.Groups.Where(p => !dirty.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        AggregateAgain(dirty.SelectMany(k => members.TryGetValue(k, out var runs) ? runs : Array.Empty<IndexedRun>()), assemble, groups);

        var gone = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            if (entries[i] is { } entry)
            {
                previous.Entries.Set(ids[i], entry, isNew[i]);
            }
            else
            {
                gone += previous.Entries.Remove(ids[i], isNew[i]) ? 1 : 0;
            }
        }

        foreach (var key in dirty)
        {
            previous.Lines.Remove(key);
        }

        changed = changedRuns > 0 || gone > 0 || groups.Count != previous.Groups.Count || previous.Covers != listing.Snapshot;
        return new GroupedListing(new GroupIndex(previous.Entries, groups, previous.Lines, listing.Snapshot, previous.Base), members, fingerprinted, checkedRuns: ids.Count);
    }

    private static void AddTo(HashSet<GroupKey> keys, GroupKey? first, GroupKey? second)
    {
        if (first is { } a)
        {
            keys.Add(a);
        }

        if (second is { } b)
        {
            keys.Add(b);
        }
    }

    /// <summary>
    /// The aggregates of the groups of <paramref name="runs"/> (every run of each), computed from the runs assembled on
    /// every core in the order given (the groups' runs in id order, as a report that lists every run adds them up), put
    /// into <paramref name="groups"/>.
    /// </summary>
    private static void AggregateAgain(IEnumerable<IndexedRun> runs, Func<IndexedRun, StoredRun?> assemble, Dictionary<GroupKey, GroupAggregate> groups)
    {
        var read = runs.ToList().AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree).Select(assemble).ToList();
        foreach (var aggregate in GroupAggregator.Of(read.OfType<StoredRun>().ToList()))
        {
            groups[new GroupKey(aggregate.Project, aggregate.Group)] = aggregate;
        }
    }

    /// <returns>How many of the runs the previous index knew, how many of those or new ones changed (live runs not counted), and how many lines were fingerprinted.</returns>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static (int Matched, int Changed, int Hashed) Check(IReadOnlyList<IndexedRun> listed, GroupIndex previous, Covered covered, Func<IndexedRun, StoredRun?> assemble, GroupIndexRun[] entries, bool[] unchanged, int from, int to)
    {
        var matched = 0;
        var changed = 0;
        var hashedLines = 0;
        for (var i = from; i < to; i++)
        {
            var run = listed[i];
            var hash = 0UL;
            var hashed = false;
            if (previous.Runs.TryGetValue(run.Id, out var known))
            {
                matched++;
                if (!run.Live && run.Line is { } seen && known.SeenLine is { } before && seen.Equals(before))
                {
                    entries[i] = known;
                    unchanged[i] = true;
                    continue;
                }

                // Fingerprinted by the index in this very place of the file (an entry without a fingerprint was live then). The
                // entry is kept as it is: the next listing of this store object finds the line in the same place again, so it
                // needs no copy of the entry pointing at it (100,000 of them per listing, 5.5 MiB).
                if (!run.Live && run.Line is { } inFile && known.Hash != 0 && covered.Holds(inFile))
                {
                    entries[i] = known;
                    unchanged[i] = true;
                    continue;
                }

                if (!run.Live && run.Line is { } line)
                {
                    hash = LineHash.Of(line.Span);
                    hashed = true;
                    hashedLines++;
                    if (hash == known.Hash)
                    {
                        entries[i] = known with { SeenLine = line };
                        unchanged[i] = true;
                        continue;
                    }
                }
            }

            // A live run is read again every time, and a run without a line yet (the snapshot could not be written) has no fingerprint to trust.
            var trusted = !run.Live && run.Line is not null;
            if (trusted && !hashed)
            {
                hash = LineHash.Of(run.Line!.Value.Span);
                hashedLines++;
            }

            var assembled = assemble(run);
            var key = assembled is null ? (GroupKey?)null : new GroupKey(assembled.Project, assembled.Group);
            entries[i] = new GroupIndexRun(key, trusted ? hash : 0, trusted ? run.Line : null);
            if (!run.Live)
            {
                changed++;
            }
        }

        return (matched, changed, hashedLines);
    }

    /// <summary>
    /// The part of the snapshot file the previous index covers, as the listing read it: a line that is a slice of the
    /// bytes the listing read, ending within the covered bytes of the same generation, is the line the index fingerprinted.
    /// </summary>
    private readonly struct Covered
    {
        private readonly SnapshotFileBytes? _read;
        private readonly long _bytes;

        private Covered(SnapshotFileBytes? read, long bytes)
        {
            _read = read;
            _bytes = bytes;
        }

        /// <summary>Nothing is covered unless the file has the generation the index saw and is at least as long as then (not a copy of an older file).</summary>
        public static Covered Of(IndexListing listing, GroupIndex previous) =>
            listing.SnapshotRead is { } read && listing.Snapshot is { } now && previous.Covers is { } then && now.Generation == then.Generation && now.Bytes >= then.Bytes
                ? new Covered(read, then.Bytes)
                : default;

        /// <summary>Whether any bytes are covered.</summary>
        public bool Any => _read is not null;

        /// <summary>Whether the line lies, newline included, within the covered bytes of the file as read.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Holds(ReadOnlyMemory<byte> line) =>
            _read is not null && _read.Holds(line, out var end) && end + 1 <= _bytes;
    }
}
