using Wandb.Grouping.Aggregates;

namespace Wandb.Storage.Index.Groups;

/// <summary>
/// The folder store's group index, <c>index/groups.v2.jsonl</c> (docs/store-format.md): per project and group, the
/// aggregate reports show (<see cref="GroupAggregate"/>) and the runs it was computed from, each with the fingerprint
/// of its snapshot line. A report of a large store reuses the aggregate of every group whose runs' lines are unchanged
/// and reads only the runs of the groups that changed or that it shows in full (<see cref="GroupIndexUpdate"/>). Like
/// the run index it is a cache: missing, damaged or of another version, it is computed again from the runs. Past
/// <see cref="DeltaFromBytes"/> the groups changed since the whole file was written go to a file of changes beside it
/// (<see cref="DeltaFileName"/>), which names the whole file it applies to; the whole file is written again once they
/// would take more than an eighth of it. Each file is replaced whole (written to a temporary file, then renamed), and
/// two processes writing at once leave whole files, each true of the runs it names.
/// </summary>
internal sealed class GroupIndex
{
    public const string FileName = "groups.v2.jsonl";

    /// <summary>The file of the groups changed since the whole file was written (docs/store-format.md, "The group index").</summary>
    public const string DeltaFileName = "groups.v2.delta.jsonl";

    /// <summary>
    /// The smallest whole file that changes are written beside instead of into: about 8,000 runs. A smaller file is
    /// written whole, in well under a millisecond; at 100,000 runs (3.2 MB) writing it whole took 7-21 ms of every
    /// build's refresh, most of it the file system's, for a build that changed one group of 500.
    /// </summary>
    public const long DeltaFromBytes = 256 * 1024;

    /// <summary>The file of changes is written while it is at most this share of the whole file (1/8), then the whole file again.</summary>
    private const int DeltaShare = 8;

    /// <summary>The files earlier versions wrote, deleted when this one is written: nothing reads them any more.</summary>
    private static readonly string[] EarlierFileNames = { "groups.v1.jsonl" };

    /// <param name="runs">By run id: the group each run was counted in and the fingerprint of its line then; the index's own.</param>
    /// <param name="groups">By project and group: the aggregate of exactly the runs <paramref name="runs"/> counts in it.</param>
    /// <param name="lines">The file's line of each group known unchanged since it was read or written (see <see cref="Lines"/>); none when null.</param>
    /// <param name="covers">The run index snapshot as the listing this index was computed from left it (see <see cref="Covers"/>).</param>
    /// <param name="baseFile">The whole file the index's lines were read from or written to, if any (see <see cref="Base"/>).</param>
    public GroupIndex(Dictionary<string, GroupIndexRun> runs, IReadOnlyDictionary<GroupKey, GroupAggregate> groups, Dictionary<GroupKey, ReadOnlyMemory<byte>>? lines = null, SnapshotMark? covers = null, GroupIndexBase? baseFile = null)
        : this(new GroupIndexEntries(runs), groups, lines, covers, baseFile)
    {
    }

    /// <param name="entries">What the index knows of each run; the index's own (an index brought up to date takes over the entries of the one it supersedes).</param>
    /// <param name="groups">By project and group: the aggregate of exactly the runs <paramref name="entries"/> counts in it.</param>
    /// <param name="lines">The file's line of each group known unchanged since it was read or written (see <see cref="Lines"/>); none when null.</param>
    /// <param name="covers">The run index snapshot as the listing this index was computed from left it (see <see cref="Covers"/>).</param>
    /// <param name="baseFile">The whole file the index's lines were read from or written to, if any (see <see cref="Base"/>).</param>
    public GroupIndex(GroupIndexEntries entries, IReadOnlyDictionary<GroupKey, GroupAggregate> groups, Dictionary<GroupKey, ReadOnlyMemory<byte>>? lines = null, SnapshotMark? covers = null, GroupIndexBase? baseFile = null)
    {
        Entries = entries;
        Groups = groups;
        Lines = lines ?? new Dictionary<GroupKey, ReadOnlyMemory<byte>>();
        Covers = covers;
        Base = baseFile;
    }

    /// <summary>An index of no run; a new one each time, as its dictionaries are changed in place.</summary>
    public static GroupIndex Empty => new(new Dictionary<string, GroupIndexRun>(StringComparer.Ordinal), new Dictionary<GroupKey, GroupAggregate>());

    /// <summary>
    /// By run id: the group each run was counted in and the fingerprint of its line then, read from the file only when
    /// needed. Changed in place when the index is brought up to date from the very listing it was made from
    /// (<see cref="GroupIndexUpdate.ApplyChanges"/>), which supersedes it; only used under the store's lock, like <see cref="Lines"/>.
    /// </summary>
    public GroupIndexEntries Entries { get; }

    /// <summary>Every entry by run id (<see cref="Entries"/>), read from the file's lines the first time.</summary>
    public Dictionary<string, GroupIndexRun> Runs => Entries.All;

    /// <summary>By project and group: the aggregate of exactly the runs <see cref="Entries"/> counts in it.</summary>
    public IReadOnlyDictionary<GroupKey, GroupAggregate> Groups { get; }

    /// <summary>
    /// The line of each group whose aggregate and runs are those the line was read or written with, so writing the file
    /// again copies it instead of formatting it: a refresh that changed one group of 500 formats one line, not 3 MB.
    /// Filled by <see cref="GroupIndexCodec.Write"/> with the lines it formats; only used under the store's lock.
    /// </summary>
    public Dictionary<GroupKey, ReadOnlyMemory<byte>> Lines { get; }

    /// <summary>
    /// The run index snapshot as the listing this index was computed from left it: every run whose line still lies within
    /// it has the line this index fingerprinted, so a later listing takes it as it is instead of fingerprinting it again
    /// (about 100 ms of CPU for 100,000 runs, in every build's and test run's read-ahead). Null when unknown (a file of an
    /// earlier version, a snapshot without a generation, or one that could not be written).
    /// </summary>
    public SnapshotMark? Covers { get; }

    /// <summary>
    /// The whole file this index's lines were read from or last written to: the file of changes holds the groups whose
    /// line is not that file's. Null when there is none (computed from the runs, or a whole file of an earlier build
    /// without an id), and the next write is then a whole file. Set when a whole file is written; under the store's lock.
    /// </summary>
    public GroupIndexBase? Base { get; private set; }

    public static string PathIn(IndexFiles files) => Path.Combine(files.Directory, FileName);

    /// <summary>The file of changes beside the whole file at <paramref name="path"/>.</summary>
    public static string DeltaPathOf(string path) => Path.Combine(Path.GetDirectoryName(path)!, DeltaFileName);

    /// <summary>
    /// Reads the whole file and the file of changes written against it, or returns <see cref="Empty"/> when the whole file
    /// is missing, unreadable or of another version. A file of changes that names another whole file (written before
    /// another process wrote the whole file again), or that is damaged, is passed over: the whole file alone is an index
    /// true of the runs it names, only older.
    /// </summary>
    public static GroupIndex Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return Empty;
            }

            var whole = File.ReadAllBytes(path);
            var delta = ReadDelta(DeltaPathOf(path));
            return GroupIndexCodec.Read(whole, delta) ?? Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>
    /// Writes the groups changed since the whole file was written to the file of changes when the whole file is at least
    /// <paramref name="deltaFromBytes"/> long and they take at most an eighth of it; else writes the whole file and
    /// deletes the file of changes. A failure (read-only store, disk full, the index folder deleted) only costs the next
    /// report the recomputation.
    /// </summary>
    /// <param name="path">The whole file's path.</param>
    /// <param name="deltaFromBytes">The smallest whole file changes are written beside (<see cref="DeltaFromBytes"/>; tests lower it).</param>
    public void TryWrite(string path, long deltaFromBytes = DeltaFromBytes)
    {
        try
        {
            var uncounted = GroupIndexCodec.FormatLines(this);
            if (Base is { } whole && whole.Length >= deltaFromBytes && Changes(whole, uncounted.Length) is { } changes)
            {
                AtomicFile.Write(DeltaPathOf(path), stream => GroupIndexCodec.WriteDelta(stream, this, whole, changes.Changed, changes.Removed, uncounted), durable: false);
                return;
            }

            var id = GroupIndexCodec.ContentId(this, uncounted);
            long length = 0;
            AtomicFile.Write(path, stream => length = GroupIndexCodec.Write(stream, this, uncounted, id), durable: false);
            File.Delete(DeltaPathOf(path));
            Base = new GroupIndexBase(id, length, new Dictionary<GroupKey, ReadOnlyMemory<byte>>(Lines));
            foreach (var earlier in EarlierFileNames)
            {
                File.Delete(Path.Combine(Path.GetDirectoryName(path)!, earlier));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run index says whatever is wrong with the folder; this file is only a shortcut.
        }
    }

    private static byte[]? ReadDelta(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The groups whose line is not the whole file's, and the whole file's groups that are gone, in key order; null when
    /// they would take more than an eighth of the whole file (it is then written again).
    /// </summary>
    private (List<GroupKey> Changed, List<GroupKey> Removed)? Changes(GroupIndexBase whole, int uncountedBytes)
    {
        var changed = new List<GroupKey>();
        long bytes = uncountedBytes;
        foreach (var pair in Lines)
        {
            if (Groups.ContainsKey(pair.Key) && !whole.Holds(pair.Key, pair.Value))
            {
                changed.Add(pair.Key);
                bytes += pair.Value.Length + 1;
            }
        }

        var removed = whole.Lines.Keys.Where(k => !Groups.ContainsKey(k)).ToList();
        bytes += removed.Sum(k => k.Project.Length + (k.Group?.Length ?? 0) + 48);
        if (bytes * DeltaShare > whole.Length)
        {
            return null;
        }

        changed.Sort(GroupIndexCodec.KeyOrder);
        removed.Sort(GroupIndexCodec.KeyOrder);
        return (changed, removed);
    }
}
