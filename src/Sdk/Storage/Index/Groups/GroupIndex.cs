using Wandb.Grouping.Aggregates;

namespace Wandb.Storage.Index.Groups;

/// <summary>
/// The folder store's group index, <c>index/groups.v2.jsonl</c> (docs/store-format.md): per project and group, the
/// aggregate reports show (<see cref="GroupAggregate"/>) and the runs it was computed from, each with the fingerprint
/// of its snapshot line. A report of a large store reuses the aggregate of every group whose runs' lines are unchanged
/// and reads only the runs of the groups that changed or that it shows in full (<see cref="GroupIndexUpdate"/>). Like
/// the run index it is a cache: missing, damaged or of another version, it is computed again from the runs; it is
/// replaced whole (written to a temporary file, then renamed), and two processes writing it at once leave one
/// whole file, each true of the runs it names.
/// </summary>
internal sealed class GroupIndex
{
    public const string FileName = "groups.v2.jsonl";

    /// <summary>The files earlier versions wrote, deleted when this one is written: nothing reads them any more.</summary>
    private static readonly string[] EarlierFileNames = { "groups.v1.jsonl" };

    /// <param name="runs">By run id: the group each run was counted in and the fingerprint of its line then; the index's own.</param>
    /// <param name="groups">By project and group: the aggregate of exactly the runs <paramref name="runs"/> counts in it.</param>
    /// <param name="lines">The file's line of each group known unchanged since it was read or written (see <see cref="Lines"/>); none when null.</param>
    /// <param name="covers">The run index snapshot as the listing this index was computed from left it (see <see cref="Covers"/>).</param>
    public GroupIndex(Dictionary<string, GroupIndexRun> runs, IReadOnlyDictionary<GroupKey, GroupAggregate> groups, Dictionary<GroupKey, ReadOnlyMemory<byte>>? lines = null, SnapshotMark? covers = null)
        : this(new GroupIndexEntries(runs), groups, lines, covers)
    {
    }

    /// <param name="entries">What the index knows of each run; the index's own (an index brought up to date takes over the entries of the one it supersedes).</param>
    /// <param name="groups">By project and group: the aggregate of exactly the runs <paramref name="entries"/> counts in it.</param>
    /// <param name="lines">The file's line of each group known unchanged since it was read or written (see <see cref="Lines"/>); none when null.</param>
    /// <param name="covers">The run index snapshot as the listing this index was computed from left it (see <see cref="Covers"/>).</param>
    public GroupIndex(GroupIndexEntries entries, IReadOnlyDictionary<GroupKey, GroupAggregate> groups, Dictionary<GroupKey, ReadOnlyMemory<byte>>? lines = null, SnapshotMark? covers = null)
    {
        Entries = entries;
        Groups = groups;
        Lines = lines ?? new Dictionary<GroupKey, ReadOnlyMemory<byte>>();
        Covers = covers;
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

    public static string PathIn(IndexFiles files) => Path.Combine(files.Directory, FileName);

    /// <summary>Reads the file, or returns <see cref="Empty"/> when it is missing, unreadable or of another version.</summary>
    public static GroupIndex Read(string path)
    {
        try
        {
            return File.Exists(path) ? GroupIndexCodec.Read(File.ReadAllBytes(path)) ?? Empty : Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>Replaces the file; a failure (read-only store, disk full, the index folder deleted) only costs the next report the recomputation.</summary>
    public void TryWrite(string path)
    {
        try
        {
            AtomicFile.Write(path, stream => GroupIndexCodec.Write(stream, this), durable: false);
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
}
