using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Index;

/// <summary>
/// Keeps the folder store's run index and lists runs through it, reading one file plus what changed instead of
/// every run folder. Each listing checks the index against the store: the names in <c>runs/</c> (a run folder
/// not indexed is read, an indexed one that is gone is dropped), the runs the writers journaled, the running
/// runs, and the batch files past the part already read. Whoever holds <c>index/lock</c> writes the new
/// snapshot and consumes the journals; a listing that cannot (a read-only store, a long rebuild elsewhere)
/// reads every run as a store without an index does. See docs/store-format.md.
/// </summary>
internal sealed class RunIndex
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(10);
    private readonly StoreLayout _layout;
    private readonly IStoreFileSystem _fs;
    private readonly RunFolderReader _folders;
    private readonly IWandbOutput _output;
    private readonly IClock _clock;
    private int _warned;

    /// <summary>
    /// The snapshot as the last listing left the file. The same store object lists again without reading the file
    /// (the quality gate then the reports of a test run, retention then the reports, each refresh of
    /// <c>dotnet wandb ui</c>): only what changed since is read, as another process would after reading the file.
    /// </summary>
    private KeptSnapshot? _kept;

    public RunIndex(StoreLayout layout, IStoreFileSystem fs, RunFolderReader folders, IWandbOutput output, IClock clock)
    {
        _layout = layout;
        _fs = fs;
        _folders = folders;
        _output = output;
        _clock = clock;
    }

    /// <param name="distrusted">
    /// Why the snapshot must not be used this time (a run's line that did not read when the runs were assembled), or
    /// null: the listing then rebuilds the index from the run files and reports this reason.
    /// </param>
    public IndexListing List(string? distrusted = null)
    {
        // Nothing was ever written here (no folder yet, or a folder made for the store that no run has used): no runs, and
        // no index to build. The first run's writer creates the store with an empty index (StoreFolder), so a listing
        // that came first, such as the test logger's read-ahead, does not make the next one report a rebuild.
        if (!_fs.DirectoryExists(_layout.RunsDirectory) && !_fs.DirectoryExists(_layout.BatchesDirectory))
        {
            return new IndexListing(Array.Empty<IndexedRun>(), null);
        }

        var files = new IndexFiles(_layout);
        FileStream? gate;
        try
        {
            Directory.CreateDirectory(files.Directory);
            gate = AcquireLock(files.LockPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WarnOnce(ex);
            return new IndexListing(Update(IndexSnapshot.Empty, new HashSet<string>()).Runs, null);
        }

        if (gate is null)
        {
            // Another process has been rebuilding the index for a while: read the runs without it.
            return new IndexListing(Update(IndexSnapshot.Empty, new HashSet<string>()).Runs, null);
        }

        using (gate)
        {
            return ListHoldingLock(files, distrusted);
        }
    }

    private IndexListing ListHoldingLock(IndexFiles files, string? distrusted)
    {
        // Journals are taken before any run is read: a writer journals after its change is on disk, so every
        // change a taken line stands for is read below, and a change journaled later waits in a new journal.
        TakenJournals? journals = null;
        string? unusable;
        IndexSnapshot? snapshot;
        KeptSnapshot? kept = null;
        try
        {
            journals = TakenJournals.Take(files);
            unusable = distrusted;
            kept = distrusted is not null ? null : TakeKept(files.SnapshotPath);
            snapshot = distrusted is not null ? null : kept?.Snapshot ?? IndexSnapshot.TryRead(files.SnapshotPath, out unusable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            snapshot = null;
            unusable = $"a writer's journal could not be read ({ex.Message})";
        }

        // Nothing changed since this index listed last (no journal, no run folder added or gone, no batch record
        // appended, no live run to read again): that listing stands, and its run list is the very same object, so the
        // group index knows it too. Retention followed by the reports, the quality gate followed by the reports, and
        // dotnet wandb ui polling an idle store list a 100,000-run store once instead of each time (about 50 ms each).
        if (kept?.Listing is { } last && journals?.Any != true && IsUnchanged(kept))
        {
            _kept = kept;
            return last;
        }

        IndexPass update;
        try
        {
            update = Update(snapshot ?? IndexSnapshot.Empty, journals?.RunIds ?? new HashSet<string>(), kept);
        }
        catch (UnreadableIndexLineException ex)
        {
            update = IndexPass.Stopped(new Dictionary<string, BatchFilePosition>(), ex.Message);
        }

        if (update.Mismatch is not null)
        {
            snapshot = null;
            unusable = update.Mismatch;
            update = Update(IndexSnapshot.Empty, new HashSet<string>());
        }

        var current = snapshot;
        if (snapshot is null || update.Changed || journals?.Any == true)
        {
            current = null;
            try
            {
                current = IndexSnapshot.Write(files.SnapshotPath, snapshot ?? IndexSnapshot.Empty, update);
                journals?.Consume();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WarnOnce(ex);
            }
        }

        var since = update.Changes?.Since is not null ? update.Changes : null;
        var listing = new IndexListing(update.Runs, snapshot is null ? unusable : null, current?.Mark, current?.Read, since);

        // Every run not changed since the listing before is as it was then, when it was not live (else it was read again).
        var anyLive = since is not null ? since.Listed().Any(r => r.Live) : update.Runs.Any(r => r.Live);
        Keep(files.SnapshotPath, current, listing, update.Folders, anyLive);
        return listing;
    }

    /// <summary>Whether the store is as the kept listing found it: the same run folders and batch files read to their end, and no live run.</summary>
    private bool IsUnchanged(KeptSnapshot kept)
    {
        if (kept.Folders is null || kept.AnyLive)
        {
            return false;
        }

        var folders = RunFolders();
        if (!folders.SetEquals(kept.Folders))
        {
            return false;
        }

        return BatchFilesAsRead(kept.Snapshot.Batches);
    }

    /// <summary>
    /// Whether the batch files are the ones the positions name, each exactly as long as the part taken in: what reading
    /// their tails would find (no record, the same positions) told from their lengths alone. A test run's 2,000 new records
    /// were parsed here and again by the listing that followed (about 65 ms of the logger's refresh in a fresh process).
    /// </summary>
    private bool BatchFilesAsRead(IReadOnlyDictionary<string, BatchFilePosition> positions)
    {
        var files = BatchTail.Files(_layout, _fs);
        return files.Count == positions.Count
            && files.All(path => positions.TryGetValue(Path.GetFileName(path)!, out var read) && read.TookInAllOf(path));
    }

    /// <summary>The run ids of the folders in <c>runs/</c>.</summary>
    private HashSet<string> RunFolders() => new(
        _fs.EnumerateDirectories(_layout.RunsDirectory).Select(d => Path.GetFileName(d)!).Where(id => RunId.TryValidate(id, out _)),
        StringComparer.Ordinal);

    /// <summary>
    /// The snapshot this index wrote or read last, when the file is still exactly as it left it; taken out, so a
    /// listing that fails half way leaves nothing behind. Only the process holding <c>index/lock</c> writes the
    /// file, so its length and time change with every write by anyone else (a deletion, a rewrite, an append).
    /// </summary>
    private KeptSnapshot? TakeKept(string path)
    {
        var kept = _kept;
        _kept = null;
        if (kept is null || FileIdentity.Of(path) is not { } identity || identity != kept.Identity)
        {
            return null;
        }

        // Runs assembled as running may have died since they were read: a snapshot kept from an earlier listing
        // assembles them again, as reading the file would.
        IndexedRun.ExpireAssembledRunning();
        return kept;
    }

    private void Keep(string path, IndexSnapshot? snapshot, IndexListing listing, HashSet<string>? folders, bool anyLive) =>
        _kept = snapshot is not null && FileIdentity.Of(path) is { } identity
            ? new KeptSnapshot(snapshot, identity, listing with { RebuildReason = null }, folders, anyLive)
            : null;

    /// <param name="snapshot">The snapshot to list from; changed in place (its runs by id become the pass's).</param>
    /// <param name="touched">The runs the writers journaled.</param>
    /// <param name="kept">What this store object's listing before left, when <paramref name="snapshot"/> is its snapshot: only the runs that change are visited.</param>
    private IndexPass Update(IndexSnapshot snapshot, HashSet<string> touched, KeptSnapshot? kept = null)
    {
        var folders = RunFolders();
        var tail = BatchTail.Read(_layout, _fs, snapshot.Batches, _output);
        if (tail.Mismatch is not null)
        {
            return IndexPass.Stopped(tail.Positions, tail.Mismatch);
        }

        // The snapshot is this pass's own (read for it, or taken out of the kept one), so its runs are changed in place
        // rather than copied: 100,000 entries of a large store for the few a refresh adds.
        var runs = snapshot.Runs;
        var since = kept is { Folders: not null } && ReferenceEquals(kept.Snapshot, snapshot) ? kept : null;
        var changes = new RunChanges(runs, since?.Listing.Runs);
        var removed = false;
        var changed = !IndexSnapshot.SamePositions(tail.Positions, snapshot.Batches);

        // A run with a folder has it among the folders the pass that listed it saw: the kept listing's folders that are
        // gone are the only runs to look at.
        var gone = since is not null
            ? since.Folders!.Where(id => !folders.Contains(id)).Select(id => runs.TryGetValue(id, out var run) ? run : null).OfType<IndexedRun>().Where(r => r.HasFolder).ToList()
            : runs.Values.Where(r => r.HasFolder && !folders.Contains(r.Id)).ToList();
        foreach (var run in gone)
        {
            // Deleted by retention or by hand; what the batch files say of it stays, as in a full listing. The
            // snapshot is then written whole, so what the folder held leaves it too.
            changed = true;
            removed = true;
            changes.Note(run.Id);
            if (run.WithoutFolder() is { } rest)
            {
                runs[run.Id] = rest;
            }
            else
            {
                runs.Remove(run.Id);
            }
        }

        var batched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in tail.Records)
        {
            changes.Note(record.Run.Id);
            if (!runs.TryGetValue(record.Run.Id, out var run))
            {
                run = new IndexedRun { Id = record.Run.Id };
                runs.Add(run.Id, run);
            }

            run.Add(record);
            batched.Add(run.Id);
            changed = true;
        }

        var toRead = folders.Where(id => touched.Contains(id) || !runs.TryGetValue(id, out var run) || !run.HasFolder || run.Live).ToList();
        var read = toRead
            .AsParallel()
            .WithDegreeOfParallelism(Parallelism.Degree)
            .Select(id => (Id: id, Metadata: _folders.ReadMetadata(id), States: _folders.ReadStates(id)))
            .ToList();
        foreach (var (id, metadata, states) in read)
        {
            changes.Note(id);
            runs.TryGetValue(id, out var before);
            var run = (before ?? new IndexedRun { Id = id }).WithFolder(metadata, states);
            run.UpdateLive(run.Assemble(_clock, _folders.LocalHost), _clock, _folders.LocalHost);
            runs[id] = run;

            // A live run is read again on every listing anyway: the snapshot need not follow its heartbeat.
            changed |= before is null || !before.HasFolder || !before.Live || !run.Live;
        }

        foreach (var id in batched)
        {
            var run = runs[id];
            run.UpdateLive(run.Assemble(_clock, _folders.LocalHost), _clock, _folders.LocalHost);
        }

        var listed = since is not null ? ById(since.Listing.Runs, changes.Ids, runs) : ById(runs.Values);
        return new IndexPass(listed, runs, tail.Positions, changed, removed, Mismatch: null, folders, changes);
    }

    /// <summary>
    /// The runs in id order. They come nearly sorted: the snapshot's runs in id order, then the runs added since (a
    /// dictionary keeps the order keys were added in while none is removed), so only the part after the longest sorted
    /// start is sorted and merged in. Sorting all 100,000 ids anew took about 90 ms of every listing.
    /// </summary>
    private static IReadOnlyList<IndexedRun> ById(IEnumerable<IndexedRun> runs)
    {
        var all = runs.ToList();
        var sorted = 1;
        while (sorted < all.Count && string.CompareOrdinal(all[sorted - 1].Id, all[sorted].Id) < 0)
        {
            sorted++;
        }

        if (sorted >= all.Count)
        {
            return all;
        }

        var rest = all.GetRange(sorted, all.Count - sorted);
        rest.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        all.RemoveRange(sorted, all.Count - sorted);
        return RunsInIdOrder.Merge(all, rest);
    }

    /// <summary>
    /// The runs in id order from the listing before and the ids changed since: each changed id's run as it is now (none
    /// for a run gone) in place of the one listed before, every other run as listed. Only the changed ids are looked up,
    /// and the runs between them are copied a stretch at a time: one by one through the list's interface, the 100,000
    /// runs of a large store took about 0.5 ms of every refresh's listing (perf).
    /// </summary>
    /// <param name="before">The listing before, in id order.</param>
    /// <param name="changed">The ids changed since, in ordinal order.</param>
    /// <param name="runs">The runs by id now.</param>
    private static IReadOnlyList<IndexedRun> ById(IReadOnlyList<IndexedRun> before, IReadOnlyList<string> changed, Dictionary<string, IndexedRun> runs)
    {
        // Where each changed id is or would be in the listing before, and so how many runs the new one holds.
        var positions = new int[changed.Count];
        var wasListed = new bool[changed.Count];
        var size = before.Count;
        var next = 0;
        for (var i = 0; i < changed.Count; i++)
        {
            positions[i] = RunsInIdOrder.FirstAtOrAfter(before, changed[i], next);
            wasListed[i] = positions[i] < before.Count && string.Equals(before[positions[i]].Id, changed[i], StringComparison.Ordinal);
            next = wasListed[i] ? positions[i] + 1 : positions[i];
            size += (runs.ContainsKey(changed[i]) ? 1 : 0) - (wasListed[i] ? 1 : 0);
        }

        var merged = new IndexedRun[size];
        var count = 0;
        next = 0;
        for (var i = 0; i < changed.Count; i++)
        {
            count = CopyRange(before, next, positions[i] - next, merged, count);
            next = wasListed[i] ? positions[i] + 1 : positions[i];
            if (runs.TryGetValue(changed[i], out var run))
            {
                merged[count++] = run;
            }
        }

        CopyRange(before, next, before.Count - next, merged, count);
        return merged;
    }

    /// <summary>Copies <paramref name="length"/> runs from <paramref name="index"/> on; returns where the next one goes.</summary>
    private static int CopyRange(IReadOnlyList<IndexedRun> from, int index, int length, IndexedRun[] to, int at)
    {
        switch (from)
        {
            case IndexedRun[] array:
                Array.Copy(array, index, to, at, length);
                break;
            case List<IndexedRun> list:
                list.CopyTo(index, to, at, length);
                break;
            default:
                for (var i = 0; i < length; i++)
                {
                    to[at + i] = from[index + i];
                }

                break;
        }

        return at + length;
    }

    /// <summary>The index's lock, or null when another process held it past <see cref="LockPatience"/>.</summary>
    private static FileStream? AcquireLock(string path)
    {
        try
        {
            return ExclusiveFile.Open(path, FileMode.OpenOrCreate, LockPatience);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(path))
        {
            return null;
        }
    }

    private void WarnOnce(Exception ex)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            _output.Warning(
                WarningCodes.RunIndexNotWritten,
                $"The run index in {Path.Combine(_layout.Root, IndexFiles.Folder)} cannot be written ({ex.Message}); listings read every run's files instead, which is slower on a large store. The runs themselves are unaffected.");
        }
    }

    /// <summary>The snapshot this index wrote or read last, the listing it gave then, the run folders it saw and whether a run was live.</summary>
    private sealed record KeptSnapshot(IndexSnapshot Snapshot, FileIdentity Identity, IndexListing Listing, HashSet<string>? Folders, bool AnyLive);
}
