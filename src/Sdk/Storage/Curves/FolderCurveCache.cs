using System.Globalization;
using System.Text;
using Wandb.Environment;
using Wandb.Grouping.Curves;
using Wandb.Storage.Folder;
using Wandb.Storage.Index;

namespace Wandb.Storage.Curves;

/// <summary>
/// The folder store's curve cache: one file per run in <c>index/curves/</c> (derived data like the rest of
/// <c>index/</c>: deleting it costs the next refresh the histories' reading, nothing else). An entry's stamp is the
/// name, length and last write time of each of the run's history files, so a history that grew (a resumed run), was
/// rewritten or merged into, or a run id used again, never serves an old entry.
/// </summary>
internal sealed class FolderCurveCache : IRunCurveCache
{
    public const string Folder = "curves";

    private readonly StoreLayout _layout;
    private readonly IStoreFileSystem _fs;
    private readonly CurveCacheFolder _entries;

    public FolderCurveCache(StoreLayout layout, IStoreFileSystem fs)
    {
        _layout = layout;
        _fs = fs;
        _entries = new CurveCacheFolder(Path.Combine(layout.Root, IndexFiles.Folder, Folder), fs);
    }

    /// <summary>The folder of the entries.</summary>
    public string Directory => _entries.Directory;

    public string EntryPath(string runId) => _entries.EntryPath(runId);

    /// <summary>Each run's history files, listed and looked at on every core: a file system call or three per run.</summary>
    public IReadOnlyDictionary<string, string> Stamps(IReadOnlyCollection<string> runIds) =>
        runIds
            .AsParallel()
            .WithDegreeOfParallelism(Parallelism.Degree)
            .Select(id => (Id: id, Stamp: Stamp(id)))
            .Where(p => p.Stamp is not null)
            .ToDictionary(p => p.Id, p => p.Stamp!, StringComparer.Ordinal);

    public RunCurveCollector? TryLoad(string runId, string stamp, CurveAxis axis, int maxBuckets) => _entries.TryLoad(runId, stamp, axis, maxBuckets);

    public void Save(string stamp, RunCurveCollector run) => _entries.Save(stamp, run);

    public void Forget(string runId) => _entries.Forget(runId);

    private string? Stamp(string runId)
    {
        var files = _fs.EnumerateFiles(_layout.RunDirectory(runId), "*" + StoreLayout.HistorySuffix)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var stamp = new StringBuilder();
        foreach (var file in files)
        {
            if (FileIdentity.Of(file) is not { } identity)
            {
                return null;
            }

            stamp.Append(Path.GetFileName(file)).Append(':')
                .Append(identity.Length.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(identity.LastWriteUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return stamp.Length == 0 ? null : stamp.ToString();
    }
}
