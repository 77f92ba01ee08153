using Wandb.Environment;
using Wandb.Grouping.Curves;
using Wandb.Storage.Index;

namespace Wandb.Storage.Curves;

/// <summary>
/// A PostgreSQL store's curve cache, on this machine: the entries are files under the store's local folder (where its
/// reports go), <c>index/curves/postgres-&lt;hash of the store's location&gt;/</c>, so a developer's machine, a
/// long-lived CI runner or <c>dotnet wandb ui</c> reads each finished run's history from the server once. An entry's stamp
/// is the run's creation time and, per writer, how many history rows the server holds and the last one's position,
/// asked for every charted run in one query.
/// </summary>
internal sealed class PostgresCurveCache : IRunCurveCache
{
    private readonly Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>> _stamps;
    private readonly CurveCacheFolder _entries;

    /// <param name="location">The store's location (no secret: the URL without its password), which names the folder.</param>
    /// <param name="localDirectory">The store's local folder.</param>
    /// <param name="stamps">Asks the server for the runs' history stamps.</param>
    /// <param name="fs">The local file system.</param>
    public PostgresCurveCache(string location, string localDirectory, Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, string>> stamps, IStoreFileSystem fs)
    {
        _stamps = stamps;
        var folder = "postgres-" + CrossProcessLock.StableHash(location);
        _entries = new CurveCacheFolder(Path.Combine(localDirectory, IndexFiles.Folder, FolderCurveCache.Folder, folder), fs);
    }

    /// <summary>The folder of the entries.</summary>
    public string Directory => _entries.Directory;

    public string EntryPath(string runId) => _entries.EntryPath(runId);

    public IReadOnlyDictionary<string, string> Stamps(IReadOnlyCollection<string> runIds) =>
        runIds.Count == 0 ? new Dictionary<string, string>() : _stamps(runIds);

    public RunCurveCollector? TryLoad(string runId, string stamp, CurveAxis axis, int maxBuckets) => _entries.TryLoad(runId, stamp, axis, maxBuckets);

    public void Save(string stamp, RunCurveCollector run) => _entries.Save(stamp, run);

    public void Forget(string runId) => _entries.Forget(runId);
}
