using System.Runtime.CompilerServices;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Polyfills;
using Wandb.Runs;
using Wandb.Storage.Batches;
using Wandb.Storage.Codec;
using Wandb.Storage.Curves;
using Wandb.Storage.Index;
using Wandb.Storage.Index.Groups;

namespace Wandb.Storage.Folder;

/// <summary>
/// The embedded default store: one folder per run under <c>&lt;root&gt;/runs/</c>, plus runs recorded in bulk as lines of
/// <c>&lt;root&gt;/batches/*.runs.jsonl</c> (the test logger's). See docs/store-format.md.
/// </summary>
internal sealed class FolderRunStore : RunStore
{
    private readonly IStoreFileSystem _fs;
    private readonly RunCurveCache _curves;
    private readonly IWandbOutput _output;
    private readonly IClock _clock;
    private readonly RunFolderReader _folders;
    private const int RunsPerTask = 1024;
    private readonly RunIndex _index;
    private readonly object _groupsGate = new();
    private volatile string? _indexRebuildReason;
    private string? _preparedRebuildReason;

    /// <summary>The group index the last grouped listing computed; null until one did (then the file is read).</summary>
    private GroupIndex? _groupIndex;

    /// <summary>How many holds on index writes are open (<see cref="HoldIndexWrites"/>), and the group index they kept back; under <see cref="_groupsGate"/>.</summary>
    private int _indexWriteHolds;
    private GroupIndex? _heldGroupIndex;

    /// <summary>
    /// The last grouped listing and the run list it grouped, when every run of it had its snapshot line and none was
    /// live: grouping the very same list again (the run index found nothing changed) gives the same answer.
    /// </summary>
    private (IReadOnlyList<IndexedRun> Runs, GroupedListing Grouped)? _lastGrouped;
    private long _runsAssembledForGroups;
    private long _linesFingerprinted;

    // The last listing's runs, in id order: retention deletes runs it has just listed and finds here which of them
    // batch files name, reading only their lines again. Held weakly, so a long-lived store (dotnet wandb ui) keeps
    // no listing alive; when it is gone, deleting reads the batch files instead.
    private volatile WeakReference<IReadOnlyList<IndexedRun>>? _lastListing;

    public FolderRunStore(string root, IStoreFileSystem fs, IWandbOutput output, IClock clock)
    {
        Layout = new StoreLayout(root);
        _fs = fs;
        _output = output;
        _clock = clock;
        _folders = new RunFolderReader(Layout, fs, output, clock, SystemInfoCollector.SafeHostName());
        _curves = RunCurveCache.ForFolderStore(Layout, fs);
        _index = new RunIndex(Layout, fs, _folders, output, clock);
    }

    public StoreLayout Layout { get; }

    /// <summary>The smallest whole group index file whose changes are written beside it (<see cref="GroupIndex.DeltaFromBytes"/>); tests lower it.</summary>
    internal long GroupIndexDeltaFromBytes { get; set; } = GroupIndex.DeltaFromBytes;

    public override string Location => Layout.Root;

    /// <summary>Every run is its own files, so histories read independently.</summary>
    internal override bool SupportsParallelReads => true;

    internal override RunCurveCache CurveCache => _curves;

    /// <summary>Why the last listing rebuilt the run index (docs/store-format.md), or null when it used it as it was.</summary>
    internal override string? IndexRebuildReason => _indexRebuildReason;

    /// <summary>Lists through the run index: one file plus what changed, with the same runs as reading every folder.</summary>
    public override IEnumerable<StoredRun> ListRuns(RunFilter? filter = null)
    {
        var runs = filter?.Project is { } project && SummarisesGroups ? ProjectRuns(project) : null;
        foreach (var run in runs ?? AssembleAll())
        {
            if (run is not null && (filter is null || filter.Matches(run)))
            {
                yield return run;
            }
        }
    }

    /// <summary>
    /// The runs of one project, in id order as a listing gives them, assembled through the group index: only that
    /// project's groups are read, so a quality gate, an export or a listing of one project on a store other projects
    /// share does not assemble every run of the store (on 100,000 runs of another project, the gate after a build took
    /// seconds). Null when a run's line does not read: the full listing then rebuilds the index.
    /// </summary>
    private IEnumerable<StoredRun?>? ProjectRuns(string project)
    {
        var groups = new FolderGroupSource(this, project);
        try
        {
            return groups.RunsOf(groups.Aggregates().Select(a => (a.Project, a.Group)).ToList()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        }
        catch (AggregateException ex) when (Unreadable(ex) is not null)
        {
            return null;
        }
    }

    /// <summary>
    /// The folder store's group index answers for runs filtered by project only (what reports read); other filters list
    /// every run.
    /// </summary>
    internal override GroupSource? OpenGroups(RunFilter filter) =>
        SummarisesGroups && filter.Group is null && filter.JobType is null && filter.State is null ? new FolderGroupSource(this, filter.Project) : null;

    /// <summary>
    /// Whether reports past their budget take the groups they do not show in full from the group index (the default); false
    /// lists and groups every run, as versions before the group index did: the reference the group index is tested against.
    /// </summary>
    internal bool SummarisesGroups { get; init; } = true;

    internal override IReadOnlyList<GroupAggregate> AggregateGroups(RunFilter? filter = null) =>
        OpenGroups(filter ?? new RunFilter()) is { } groups ? groups.Aggregates() : base.AggregateGroups(filter);

    /// <summary>
    /// Lists the run index and brings the group index up to date, keeping both: the report that follows lists only what
    /// changed since, finds the lines it saw without fingerprinting them again, and says if this listing rebuilt the index.
    /// Then assembles the runs of the groups that report would show in full if it ran now (<see cref="AssembleLikelyShown"/>).
    /// </summary>
    internal override StoreReadAhead Prepare(IReadOnlyCollection<string> focusGroups, int maxDetailRuns, string? repeatsProject = null)
    {
        var grouped = ListGrouped(ListIndexed());
        _preparedRebuildReason = _indexRebuildReason;
        lock (_groupsGate)
        {
            grouped.Index.Entries.IndexByGroup();
        }

        var shown = Reports.ReportDetail.ChooseGroups(
            grouped.Aggregates.ToList(), new HashSet<string>(focusGroups, StringComparer.Ordinal), baselineGroup: null, maxDetailRuns - ExpectedFocusRuns(grouped, focusGroups, repeatsProject));
        return new StoreReadAhead(AssembleLikelyShown(grouped, shown), grouped.Aggregates.Except(shown).ToList());
    }

    /// <summary>
    /// How many runs the focus groups are expected to bring by the report: as many as the newest other group of
    /// <paramref name="repeatsProject"/> holds (the last test run of the same tests), less what they hold already.
    /// </summary>
    private static int ExpectedFocusRuns(GroupedListing grouped, IReadOnlyCollection<string> focusGroups, string? repeatsProject)
    {
        if (repeatsProject is null)
        {
            return 0;
        }

        var focus = new HashSet<string>(focusGroups, StringComparer.Ordinal);
        GroupAggregate? previous = null;
        var already = 0;
        foreach (var aggregate in grouped.Aggregates)
        {
            if (aggregate.Group is { } name && focus.Contains(name))
            {
                already += aggregate.Runs;
            }
            else if (aggregate.Project == repeatsProject && (previous is null || aggregate.NewestCreatedAt > previous.NewestCreatedAt))
            {
                previous = aggregate;
            }
        }

        return Math.Max(0, (previous?.Runs ?? 0) - already);
    }

    /// <summary>
    /// Assembles the runs of the groups a report would show in full now (<see cref="Reports.ReportDetail.ChooseGroups"/>:
    /// the focus groups, then the most recent groups within the budget), which is what the report at the end of a build or
    /// test run shows, less the groups the new runs push past the budget. An assembled run stays assembled in the listing
    /// the store object keeps, so the report reads only the runs written since; a run that changed meanwhile is listed
    /// anew and assembled again. A line whose documents do not read is left for the report, which rebuilds the index and
    /// says why.
    /// </summary>
    /// <param name="grouped">The grouped listing.</param>
    /// <param name="chosen">The groups that report would show in full.</param>
    /// <returns>The runs assembled; none when a line did not read.</returns>
    private IReadOnlyList<StoredRun> AssembleLikelyShown(GroupedListing grouped, IReadOnlyList<GroupAggregate> chosen)
    {
        var runs = chosen.SelectMany(a => grouped.Members.TryGetValue(new GroupKey(a.Project, a.Group), out var members) ? members : Array.Empty<IndexedRun>()).ToList();
        try
        {
            AssembleOnEveryCore(runs);
        }
        catch (AggregateException ex) when (Unreadable(ex) is not null)
        {
            // The report reads the line again, finds it damaged and rebuilds the index from the run files.
            return Array.Empty<StoredRun>();
        }

        return runs.Select(Assemble).OfType<StoredRun>().ToList();
    }

    /// <summary>Lists the run index without reading the runs' documents (<see cref="IndexedRun.Assemble"/> reads them).</summary>
    internal IndexListing ListIndexed(string? distrusted = null)
    {
        var listing = _index.List(distrusted);

        // A rebuild done while preparing (the test run's start) is the report's to say, not lost to the listing after it.
        _indexRebuildReason = listing.RebuildReason ?? Interlocked.Exchange(ref _preparedRebuildReason, null);
        _lastListing = new WeakReference<IReadOnlyList<IndexedRun>>(listing.Runs);
        return listing;
    }

    /// <summary>
    /// The listing by project and group, its group index brought up to date (<see cref="GroupIndexUpdate"/>) and written
    /// when more than its live runs changed. The store object keeps the index it computed, so listing again (the next
    /// question of the same report, the next refresh of <c>dotnet wandb ui</c>) hashes no line it saw before.
    /// </summary>
    internal GroupedListing ListGrouped(IndexListing listing)
    {
        lock (_groupsGate)
        {
            if (_lastGrouped is { } last && ReferenceEquals(last.Runs, listing.Runs))
            {
                return last.Grouped;
            }

            var path = GroupIndex.PathIn(new IndexFiles(Layout));
            var previous = _groupIndex ?? GroupIndex.Read(path);
            GroupedListing grouped;
            bool changed;
            var runs = listing.Runs;
            // Listed from the listing the index was last brought up to date with: only the runs changed since are visited.
            var since = _lastGrouped is { } before && listing.Changes is { } changes && ReferenceEquals(changes.Since, before.Runs) && ReferenceEquals(before.Grouped.Index, previous)
                ? changes
                : null;
            try
            {
                grouped = since is not null
                    ? GroupIndexUpdate.ApplyChanges(listing, _lastGrouped!.Value.Grouped, since, Assemble, out changed)
                    : GroupIndexUpdate.Apply(listing, previous, Assemble, out changed);
            }
            catch (AggregateException ex) when (Unreadable(ex) is { } unreadable)
            {
                var rebuilt = ListIndexed(unreadable.Message);
                runs = rebuilt.Runs;
                grouped = GroupIndexUpdate.Apply(rebuilt, GroupIndex.Empty, Assemble, out changed);
            }

            Interlocked.Add(ref _linesFingerprinted, grouped.Fingerprinted);

            // A held index not yet written is superseded by this one, which knows every run it knew.
            if (changed || _heldGroupIndex is not null)
            {
                if (_indexWriteHolds > 0)
                {
                    _heldGroupIndex = grouped.Index;
                }
                else
                {
                    grouped.Index.TryWrite(path, GroupIndexDeltaFromBytes);
                }
            }

            _groupIndex = grouped.Index;

            // The next listing names every run that changes, and every live run with a folder (each is read again on every
            // listing): a build's read-ahead lists the store while the build's own runs are live, and its refresh then
            // visits the runs changed since instead of checking all of them. A live run without a folder (a batch record's)
            // can go stale on the clock alone, unnamed, so its grouping is checked whole next time, as is one without a line.
            _lastGrouped = (since is not null && ReferenceEquals(runs, listing.Runs) ? since.Listed() : runs).All(r => r.Line is not null && (!r.Live || r.HasFolder)) ? (runs, grouped) : null;
            return grouped;
        }
    }

    internal override IndexWriteHold HoldIndexWrites()
    {
        lock (_groupsGate)
        {
            _indexWriteHolds++;
        }

        return new IndexWriteHold(() =>
        {
            lock (_groupsGate)
            {
                if (--_indexWriteHolds == 0 && _heldGroupIndex is { } held)
                {
                    _heldGroupIndex = null;
                    held.TryWrite(GroupIndex.PathIn(new IndexFiles(Layout)), GroupIndexDeltaFromBytes);
                }
            }
        });
    }

    /// <summary>Assembles a listed run; the runs a listing read by the head of their line are read whole here.</summary>
    internal StoredRun? Assemble(IndexedRun indexed)
    {
        if (!indexed.IsAssembled)
        {
            Interlocked.Increment(ref _runsAssembledForGroups);
        }

        return indexed.Assemble(_clock, _folders.LocalHost);
    }

    /// <summary>Assembles, on every core, those of <paramref name="runs"/> not assembled yet; the others cost nothing.</summary>
    /// <exception cref="AggregateException">A run's snapshot line did not read (<see cref="Unreadable"/>).</exception>
    internal void AssembleOnEveryCore(IEnumerable<IndexedRun> runs)
    {
        var unassembled = runs.Where(r => !r.IsAssembled).ToList();
        if (unassembled.Count > 0)
        {
            Parallel.ForEach(unassembled, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree }, run => Assemble(run));
        }
    }

    /// <summary>How many runs the grouped listings and the runs of groups shown in full assembled so far: what a report past its budget read.</summary>
    internal long RunsAssembledForGroups => Interlocked.Read(ref _runsAssembledForGroups);

    /// <summary>How many snapshot lines the grouped listings fingerprinted so far to tell whether their runs changed.</summary>
    internal long LinesFingerprinted => Interlocked.Read(ref _linesFingerprinted);

    /// <summary>
    /// Every run of a listing, assembled on every core (the snapshot's lines are read here, not when the listing reads
    /// the file), inside a region without garbage collections for large listings (<see cref="NoCollectionScope"/>). A line
    /// that does not read rebuilds the index from the run files, as a damaged snapshot does.
    /// </summary>
    private StoredRun?[] AssembleAll()
    {
        var listing = ListIndexed();
        try
        {
            return AssembleAll(listing.Runs);
        }
        catch (AggregateException ex) when (Unreadable(ex) is { } unreadable)
        {
            return AssembleAll(ListIndexed(unreadable.Message).Runs);
        }
    }

    /// <summary>The damaged snapshot line behind a failure of a parallel read, or null when something else failed.</summary>
    internal static UnreadableIndexLineException? Unreadable(AggregateException ex) =>
        ex.Flatten().InnerExceptions.OfType<UnreadableIndexLineException>().FirstOrDefault();

    private StoredRun?[] AssembleAll(IReadOnlyList<IndexedRun> runs)
    {
        var assembled = new StoredRun?[runs.Count];
        long unread = 0;
        foreach (var run in runs)
        {
            unread += run.IsAssembled ? 0 : run.Line?.Length ?? 0;
        }

        using (NoCollectionScope.ForSnapshot(unread))
        {
            Parallel.For(
                0,
                (runs.Count + RunsPerTask - 1) / RunsPerTask,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree },
                [MethodImpl(MethodImplFlags.AggressiveOptimization)] (int chunk) =>
                {
                    for (var i = chunk * RunsPerTask; i < Math.Min(runs.Count, (chunk + 1) * RunsPerTask); i++)
                    {
                        assembled[i] = runs[i].Assemble(_clock, _folders.LocalHost);
                    }
                });
        }

        return assembled;
    }

    public override StoredRun? GetRun(string runId)
    {
        RunId.Validate(runId, nameof(runId));
        return TryReadRun(runId, _fs.DirectoryExists(Layout.RunDirectory(runId)), RunBatchIndex.Read(Layout, _fs, _output).Find(runId));
    }

    public override IEnumerable<HistoryRow> ReadHistory(string runId)
    {
        RunId.Validate(runId, nameof(runId));
        var files = RunHistoryFiles.Of(_fs, Layout, runId);
        return files.Count switch
        {
            0 => Enumerable.Empty<HistoryRow>(),
            1 => ReadHistoryFile(files[0]),
            _ => HistoryMerge.Merge(files.Select(ReadHistoryFile).ToList()),
        };
    }

    internal override RunOpenResult OpenRun(RunMetadataFile requested, ResumeMode resume)
    {
        var id = requested.Id;
        var metadataPath = Layout.MetadataPath(id);
        if (_fs.FileExists(metadataPath))
        {
            return Attach(id, resume);
        }

        // Only a resume that must find the run looks into the batch files: reading them on every Init would
        // cost each test of a large test run the whole file. Otherwise a folder is created, whose run.json
        // then takes precedence over the batch record; the batch record's writer state is kept.
        if (resume == ResumeMode.Must && RunBatchIndex.Read(Layout, _fs, _output).Find(id) is { IsDeleted: false } batched)
        {
            StoreFolder.EnsureCreated(_fs, Layout);
            _fs.CreateDirectory(Layout.RunDirectory(id));
            _fs.TryCreateNew(metadataPath, StoreCodec.Serialize(batched.Metadata));
            return Attach(id, resume, batched);
        }

        if (resume == ResumeMode.Must)
        {
            throw new InvalidOperationException(
                $"Run '{id}' does not exist in {Layout.Root}, and resume is 'must'. Set WANDB_RESUME=allow to create it.");
        }

        StoreFolder.EnsureCreated(_fs, Layout);
        _fs.CreateDirectory(Layout.RunDirectory(id));
        if (_fs.TryCreateNew(metadataPath, StoreCodec.Serialize(requested)))
        {
            return new RunOpenResult(requested, Attached: false, NextStep: 0);
        }

        // Another process created the same run a moment ago: join it, as a resume would.
        return Attach(id, resume);
    }

    internal override IRunWriter CreateWriter(string runId, string writerId) => new FolderRunWriter(_fs, Layout, runId, writerId);

    internal override RunFallback CreateFallback(RunMetadataFile run, string writerId) => FallbackFolder.Create(this, _fs, _output, _clock, run, writerId);

    internal override string MergeInstruction(string folder) => $"`dotnet build -t:WandbMerge -p:WandbMergeFrom=\"{folder}\" -p:WandbMergeTo=\"{Layout.Root}\"`";

    /// <summary>Finished runs go to the writer's batch file, one line each, instead of a folder each.</summary>
    internal override IRunBatchWriter CreateBatchWriter(string writerId) => new FolderRunBatchWriter(_fs, Layout, writerId);

    // batched: the run's batch records when the caller read them (resume 'must'); their writers count too.
    private RunOpenResult Attach(string id, ResumeMode resume, BatchedRun? batched = null)
    {
        if (resume == ResumeMode.Never)
        {
            throw new InvalidOperationException(
                $"Run '{id}' already exists in {Layout.Root}, and resume is 'never'. Use another id or set WANDB_RESUME=allow to attach to it.");
        }

        var metadata = _folders.ReadMetadata(id) ?? throw new IOException($"Run '{id}' exists in {Layout.Root} but its run.json cannot be read.");
        var states = batched?.CombineWith(_folders.ReadStates(id)) ?? _folders.ReadStates(id);
        var lastStep = states.Count == 0 ? null : states.Max(s => s.LastStep);
        return new RunOpenResult(metadata, Attached: true, NextStep: lastStep is null ? 0 : lastStep.Value + 1);
    }

    /// <summary>
    /// Moves each run folder out of <c>runs/</c> in one rename, so a reader never sees half a run, then deletes
    /// it. A run that batch files name gets a tombstone record instead (after its folder, when it has one): a batch
    /// file holds other runs too and is only ever appended to.
    /// </summary>
    internal override IReadOnlyList<string> DeleteRuns(IReadOnlyCollection<string> runIds, IWandbOutput output)
    {
        var deleted = new List<string>();
        var tombstones = new List<RunBatchRecord>();
        var tombstoneWriter = RunId.Generate();
        var batchRecords = BatchRecordsFinder();
        var trash = Path.Combine(Layout.Root, StoreLayout.DeletingFolder);
        foreach (var id in runIds)
        {
            RunId.Validate(id, nameof(runIds));
            var folder = Layout.RunDirectory(id);
            var hasFolder = _fs.DirectoryExists(folder);
            var records = batchRecords(id);
            if (!hasFolder)
            {
                // Named by batch files only (a test logger's runs): a tombstone record takes it out of every listing.
                if (records is { IsDeleted: false } && TryReadRun(id, hasFolder: false, records) is { State: not RunState.Running })
                {
                    tombstones.Add(Tombstone(records, tombstoneWriter));
                }

                continue;
            }

            // Liveness is in the folder's writer states; the batch files need not be read again per run.
            if (TryReadRun(id, hasFolder: true, batched: null) is not { State: not RunState.Running })
            {
                continue;
            }

            // The store's file system has no directory move; a rename is the one step that takes the run
            // out of view whole.
            var moved = Path.Combine(trash, id + "." + RunId.Generate());
            try
            {
                _fs.CreateDirectory(trash);
                Directory.Move(folder, moved);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.Warning(WarningCodes.RetentionDeleteFailed, $"Retention could not delete run '{id}' from {Layout.Root}: {ex.Message} It stays; the next refresh with retention tries again.");
                continue;
            }

            _curves.Forget(id);

            // Batch records of the same run would otherwise bring it back without its folder.
            if (records is { IsDeleted: false })
            {
                tombstones.Add(Tombstone(records, tombstoneWriter));
            }
            else
            {
                deleted.Add(id);
            }

            try
            {
                Directory.Delete(moved, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.Warning(WarningCodes.RetentionDeleteFailed, $"Retention took run '{id}' out of {Layout.Root} but could not delete its files in {moved}: {ex.Message}");
            }
        }

        deleted.AddRange(WriteTombstones(tombstoneWriter, tombstones, output));
        return deleted;
    }

    /// <summary>Finds a run's batch records: in the last listing when it is still alive, else in the batch files.</summary>
    private Func<string, BatchedRun?> BatchRecordsFinder()
    {
        if (_lastListing is { } last && last.TryGetTarget(out var runs))
        {
            return id => FindListed(runs, id)?.Batch;
        }

        return RunBatchIndex.Read(Layout, _fs, _output).Find;
    }

    /// <summary>The run of a listing (in id order) with id <paramref name="id"/>, by binary search, or null.</summary>
    private static IndexedRun? FindListed(IReadOnlyList<IndexedRun> runs, string id)
    {
        var low = 0;
        var high = runs.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(runs[middle].Id, id);
            if (order == 0)
            {
                return runs[middle];
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    private RunBatchRecord Tombstone(BatchedRun records, string writerId)
    {
        var now = _clock.UtcNow;
        return new RunBatchRecord(records.Metadata, new WriterStateFile
        {
            Writer = writerId,
            Host = _folders.LocalHost,
            Pid = CurrentProcess.Id,
            StartedAt = now,
            UpdatedAt = now,
            FinishedAt = now,
            State = BatchedRun.DeletedState,
        });
    }

    /// <summary>
    /// Appends the tombstones to a batch file of their own (batch files are appended to, never rewritten, as several
    /// processes read them); returns the runs so deleted, or none with WANDB131 when the file cannot be written.
    /// </summary>
    private IReadOnlyList<string> WriteTombstones(string writerId, IReadOnlyList<RunBatchRecord> tombstones, IWandbOutput output)
    {
        if (tombstones.Count == 0)
        {
            return Array.Empty<string>();
        }

        try
        {
            using var writer = CreateBatchWriter(writerId);
            foreach (var tombstone in tombstones)
            {
                writer.Append(tombstone);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Warning(WarningCodes.RetentionDeleteFailed, $"Retention could not record the deletion of {tombstones.Count} run(s) named by batch files in {Layout.BatchesDirectory}: {ex.Message} They stay; the next refresh with retention tries again.");
            return Array.Empty<string>();
        }

        return tombstones.Select(t => t.Run.Id).ToList();
    }

    private StoredRun? TryReadRun(string id, bool hasFolder, BatchedRun? batched)
    {
        if (!RunId.TryValidate(id, out _))
        {
            return null;
        }

        var run = hasFolder
            ? new IndexedRun { Id = id, HasFolder = true, FolderMetadata = _folders.ReadMetadata(id), FolderStates = _folders.ReadStates(id), Batch = batched }
            : batched is null ? null : new IndexedRun { Id = id, Batch = batched };
        return run?.Assemble(_clock, _folders.LocalHost);
    }

    private IEnumerable<HistoryRow> ReadHistoryFile(string path)
    {
        var parser = new HistoryLineParser();
        var skipped = 0;
        long firstSkippedLine = 0;
        long lineNumber = 0;
        using (var stream = _fs.OpenRead(path))
        using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: TextBuffers.Chars))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                var row = parser.TryParse(line);
                if (row is null)
                {
                    if (skipped++ == 0)
                    {
                        firstSkippedLine = lineNumber;
                    }

                    continue;
                }

                yield return row;
            }
        }

        if (skipped > 0)
        {
            _output.Warning(
                WarningCodes.UnreadableHistoryLine,
                $"Skipped {skipped} unreadable line(s) in {path} (first at line {firstSkippedLine}); a process that was killed mid-write leaves a torn last line. All other rows were read.");
        }
    }
}
