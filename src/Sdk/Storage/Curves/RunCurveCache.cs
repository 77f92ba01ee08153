using Wandb.Environment;
using Wandb.Grouping.Curves;
using Wandb.Storage.Folder;
using Wandb.Storage.Index;
using Wandb.Storage.Postgres;

namespace Wandb.Storage.Curves;

/// <summary>
/// Keeps each finished run's bucketed history (the page's step-axis curves, <see cref="Reports.Html.StepCurves"/>) so a
/// refresh reads the histories of the runs that changed, not of every run it charts again (docs/store-format.md, "The
/// curve cache"). One file per run in one folder (<see cref="CurveCacheCodec"/>), read whole and written to a temporary
/// file then renamed, so readers see an old entry or a new one, never half of one. An entry holds the stamp of the
/// history it was made from and serves only while the store gives the same stamp; every failure is a miss, and losing
/// entries costs time only. The stores differ only in where the folder is and what a stamp is (<see cref="ForFolderStore"/>,
/// <see cref="ForPostgres"/>).
/// </summary>
internal sealed class RunCurveCache
{
    public const string Folder = "curves";
    public const string Suffix = ".curves.v2.bin";

    /// <summary>The entries of version 1 (one level), deleted as their runs are saved again or forgotten.</summary>
    private const string FormerSuffix = ".curves.v1.bin";

    private readonly IStoreFileSystem _fs;
    private readonly Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>> _stamps;

    /// <param name="directory">The folder of the entries.</param>
    /// <param name="fs">The file system the folder is on.</param>
    /// <param name="stamps">The stamps of the given runs' histories as they are now; a run left out has no history to cache.</param>
    public RunCurveCache(string directory, IStoreFileSystem fs, Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>> stamps)
    {
        Directory = directory;
        _fs = fs;
        _stamps = stamps;
    }

    /// <summary>The folder of the entries.</summary>
    public string Directory { get; }

    /// <summary>
    /// A folder store's cache, in <c>index/curves/</c> (derived data like the rest of <c>index/</c>), stamped with the name,
    /// length and last write time of each of a run's history files (<see cref="RunHistoryFiles.Stamps"/>).
    /// </summary>
    public static RunCurveCache ForFolderStore(StoreLayout layout, IStoreFileSystem fs) =>
        new(Path.Combine(layout.Root, IndexFiles.Folder, Folder), fs, ids => RunHistoryFiles.Stamps(fs, layout, ids));

    /// <summary>
    /// A PostgreSQL store's cache, on the machine that writes its reports: under the store's local folder,
    /// <c>index/curves/postgres-&lt;hash of the store's location&gt;/</c>, stamped by what the server says of each run's
    /// history rows (<see cref="PostgresHistory.Stamps"/>).
    /// </summary>
    /// <param name="location">The store's location (no secret: the URL without its password), which names the folder.</param>
    /// <param name="localDirectory">The store's local folder.</param>
    /// <param name="fs">The local file system.</param>
    /// <param name="stamps">Asks the server for the runs' history stamps, in one query.</param>
    public static RunCurveCache ForPostgres(string location, string localDirectory, IStoreFileSystem fs, Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>> stamps) =>
        new(Path.Combine(localDirectory, IndexFiles.Folder, Folder, "postgres-" + CrossProcessLock.StableHash(location)), fs, stamps);

    public string EntryPath(string runId) => Path.Combine(Directory, runId + Suffix);

    /// <summary>
    /// The stamps of the runs' histories as they are now (what an entry saved with one is valid for); a run left out has
    /// no history to cache. Taken before the histories are read, so rows added meanwhile make the next stamp differ.
    /// </summary>
    public IReadOnlyDictionary<string, string> Stamps(IReadOnlyCollection<string> runIds) =>
        runIds.Count == 0 ? new Dictionary<string, string>() : _stamps(runIds);

    /// <summary>The run bucketed on <paramref name="axis"/> into at least <paramref name="maxBuckets"/> buckets from the history with <paramref name="stamp"/>, or null.</summary>
    public RunCurveCollector? TryLoad(string runId, string stamp, CurveAxis axis, int maxBuckets)
    {
        try
        {
            // No existence check first: a run charted before has an entry, and a stat per run cost as much as its read.
            using var stream = _fs.OpenRead(EntryPath(runId));
            return CurveCacheCodec.Decode(stream, runId, stamp, axis, maxBuckets);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps <paramref name="run"/>, bucketed from the history with <paramref name="stamp"/>; a failure to write is not an error.</summary>
    public void Save(string stamp, RunCurveCollector run)
    {
        try
        {
            _fs.CreateDirectory(Directory);
            _fs.WriteAtomic(EntryPath(run.RunId), CurveCacheCodec.Encode(stamp, run), durable: false);
            DeleteFormer(run.RunId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only folder: the next refresh reads this run's history again, as it did before the cache.
        }
    }

    /// <summary>Drops the entry of a deleted run.</summary>
    public void Forget(string runId)
    {
        try
        {
            _fs.DeleteFile(EntryPath(runId));
            DeleteFormer(runId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An entry left behind is never used: a run created again with this id has a history of another stamp.
        }
    }

    /// <summary>Deletes the version 1 entry of a run, if any (deleting a missing file is no error): no reader uses it.</summary>
    private void DeleteFormer(string runId)
    {
        _fs.DeleteFile(Path.Combine(Directory, runId + FormerSuffix));
    }
}
