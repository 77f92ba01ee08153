using System.Runtime.CompilerServices;
using Wandb.Environment;
using Wandb.Polyfills;
using Wandb.Storage.Batches;

namespace Wandb.Storage.Index;

/// <summary>
/// One run as the folder store's sources describe it: what its folder held when last read (<c>run.json</c> and
/// each writer's state) and what the batch files hold about it. <see cref="StoredRunAssembler"/> builds the run
/// from these inputs, so a run read back through the index equals the run read from its files.
/// </summary>
internal sealed class IndexedRun
{
    /// <summary>How long a writer on another host that stopped beating counts as possibly coming back (a network cut, a paused machine).</summary>
    internal static readonly TimeSpan RemoteRecheck = TimeSpan.FromDays(1);

    /// <summary>
    /// The runs of this process assembled as running since a listing last expired them (<see cref="ExpireAssembledRunning"/>):
    /// only those can be kept assembled when they should be assembled again. A listing looked at each of a 100,000-run
    /// store's runs to find them, about 1 ms of every refresh once any run of the process had been seen running (a build's
    /// own runs are, by its read-ahead).
    /// </summary>
    private static readonly HashSet<IndexedRun> AssembledRunning = new();

    private RunMetadataFile? _folderMetadata;
    private IReadOnlyList<WriterStateFile> _folderStates = Array.Empty<WriterStateFile>();
    private BatchedRun? _batch;

    /// <summary>
    /// Whether <see cref="Line"/>'s documents are not read into the fields above yet. A flag, not a second copy of the
    /// line: a listing of 100,000 runs holds one of these objects per run, and every byte of them is copied from
    /// generation to generation by the collections of the read-ahead.
    /// </summary>
    private bool _lineUnread;
    private ReadOnlyMemory<byte>? _line;
    private StoredRun? _assembled;
    private bool _isAssembled;

    public required string Id { get; init; }

    /// <summary>Whether <c>runs/&lt;id&gt;/</c> existed when the run was last read.</summary>
    public bool HasFolder { get; init; }

    /// <summary>The folder's <c>run.json</c>; null without a folder, or while the folder has none yet.</summary>
    public RunMetadataFile? FolderMetadata
    {
        get => Read()._folderMetadata;
        init => _folderMetadata = value;
    }

    /// <summary>The folder's writer states, crashed writers caught up with their history.</summary>
    public IReadOnlyList<WriterStateFile> FolderStates
    {
        get => Read()._folderStates;
        init => _folderStates = value;
    }

    /// <summary>The run's records in the batch files, or null when they hold none.</summary>
    public BatchedRun? Batch
    {
        get => Read()._batch;
        init => _batch = value;
    }

    /// <summary>
    /// True when the folder may change without its writer telling the index: a live writer's heartbeat, a
    /// <c>run.json</c> not written yet. Such runs are read from their folder on every listing.
    /// </summary>
    public bool Live { get; set; }

    /// <summary>The run's line in the index snapshot (UTF-8, no newline) as read or last written; null once the run changed.</summary>
    public ReadOnlyMemory<byte>? Line
    {
        get => _line;
        set
        {
            // A line whose documents are still to be read is read before it is replaced.
            Read();
            _line = value;
        }
    }

    /// <summary>
    /// A run of the snapshot whose documents are read only when it is assembled or changed
    /// (<see cref="IndexLineCodec.ReadRunHead"/>): a report that shows a few groups of a large store in full reads
    /// only their lines.
    /// </summary>
    public static IndexedRun Unread(string id, bool hasFolder, bool live, ReadOnlyMemory<byte> line) =>
        new() { Id = id, HasFolder = hasFolder, Live = live, Line = line, _lineUnread = true };

    /// <summary>Whether the run was assembled since it was read or last changed, so <see cref="Assemble"/> costs nothing.</summary>
    public bool IsAssembled => _isAssembled;

    /// <summary>The run as listings show it, or null while neither its folder nor a batch record names it or once retention deleted a run only batch records name; assembled once per change.</summary>
    /// <exception cref="UnreadableIndexLineException">The run's snapshot line was read by its head only and its documents do not read.</exception>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public StoredRun? Assemble(IClock clock, string localHost)
    {
        if (!_isAssembled)
        {
            _assembled = _lineUnread ? AssembleLine(Id, _line!.Value, clock, localHost) : AssembleNow(clock, localHost);
            _isAssembled = true;
            if (_assembled is { State: RunState.Running })
            {
                lock (AssembledRunning)
                {
                    AssembledRunning.Add(this);
                }
            }
        }

        return _assembled;
    }

    /// <summary>
    /// Forgets every run of this process assembled as running: whether its writers are still alive depends on when it is
    /// asked (a heartbeat that stopped, a process that died), so a run kept from an earlier listing is assembled again. The
    /// runs of every store object of the process are forgotten, not only those of the listing's: forgetting costs a
    /// second assembly at most, and each listing forgets its own runs anyway.
    /// </summary>
    public static void ExpireAssembledRunning()
    {
        IndexedRun[] runs;
        lock (AssembledRunning)
        {
            if (AssembledRunning.Count == 0)
            {
                return;
            }

            runs = AssembledRunning.ToArray();
            AssembledRunning.Clear();
        }

        foreach (var run in runs)
        {
            // Assembled again since, perhaps not as running; a run assembled as running meanwhile is in the set again.
            if (run._isAssembled && run._assembled is { State: RunState.Running })
            {
                run._isAssembled = false;
            }
        }
    }

    /// <summary>Takes in a batch record of the run: a batch writer's first or newer state.</summary>
    public void Add(RunBatchRecord record)
    {
        Read();
        _batch ??= new BatchedRun(record.Run);
        _batch.Add(record.State);
        Line = null;
        _isAssembled = false;
    }

    /// <summary>The same run without its folder (deleted by retention or by hand): what the batch files still say, or null.</summary>
    public IndexedRun? WithoutFolder() => Batch is null ? null : new IndexedRun { Id = Id, Batch = Batch };

    /// <summary>The same run with its folder read again.</summary>
    public IndexedRun WithFolder(RunMetadataFile? metadata, IReadOnlyList<WriterStateFile> states) =>
        new() { Id = Id, HasFolder = true, FolderMetadata = metadata, FolderStates = states, Batch = Batch };

    /// <summary>
    /// Decides whether the next listing must read the folder again. A run whose writers all ended, or whose
    /// writers on this host died, stays as it is until a writer attaches and journals it; a running run, a
    /// folder without <c>run.json</c> or states yet, and a writer on another host that may only be silent do not.
    /// </summary>
    public void UpdateLive(StoredRun? assembled, IClock clock, string localHost)
    {
        if (!HasFolder)
        {
            Live = false;
            return;
        }

        var now = clock.UtcNow;
        Live = assembled is null
            || assembled.State == RunState.Running
            || (FolderStates.Count == 0 && now - assembled.CreatedAt < RemoteRecheck)
            || FolderStates.Any(s => RunStateNames.Parse(s.State) == RunState.Running
                && !string.Equals(s.Host, localHost, StringComparison.OrdinalIgnoreCase)
                && now - s.UpdatedAt < RemoteRecheck);
    }

    /// <summary>
    /// Assembles the run from its line through a copy that is garbage at once, keeping only the line: of 100,000 runs
    /// listed, the documents of the few that change are read again, and the others' are not a heap the collector copies
    /// from generation to generation.
    /// </summary>
    private static StoredRun? AssembleLine(string id, ReadOnlyMemory<byte> line, IClock clock, string localHost) =>
        ReadLine(id, line).AssembleNow(clock, localHost);

    /// <summary>The run's documents from a line whose head was read already.</summary>
    /// <exception cref="UnreadableIndexLineException">They do not read.</exception>
    private static IndexedRun ReadLine(string id, ReadOnlyMemory<byte> line)
    {
        try
        {
            return IndexLineCodec.ReadRun(line);
        }
        catch (Exception ex) when (IndexLineCodec.IsUnreadable(ex))
        {
            throw new UnreadableIndexLineException(id, ex);
        }
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private StoredRun? AssembleNow(IClock clock, string localHost)
    {
        var metadata = FolderMetadata ?? Batch?.Metadata;
        if (metadata is null || (!HasFolder && Batch!.IsDeleted))
        {
            // No record names the run yet, or retention deleted a run that only batch records name (its tombstone).
            return null;
        }

        var states = !HasFolder ? Batch!.WriterStates : Batch is null ? FolderStates : Batch.CombineWith(FolderStates);
        return StoredRunAssembler.Assemble(metadata, states, clock, localHost);
    }

    private IndexedRun Read()
    {
        if (_lineUnread)
        {
            var read = ReadLine(Id, _line!.Value);
            _folderMetadata = read._folderMetadata;
            _folderStates = read._folderStates;
            _batch = read._batch;
            _lineUnread = false;
        }

        return this;
    }
}
