using System.Globalization;
using System.Text;
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
    public const string Suffix = ".curves.v1.bin";

    private readonly StoreLayout _layout;
    private readonly IStoreFileSystem _fs;

    public FolderCurveCache(StoreLayout layout, IStoreFileSystem fs)
    {
        _layout = layout;
        _fs = fs;
        Directory = Path.Combine(layout.Root, IndexFiles.Folder, Folder);
    }

    /// <summary>The folder of the entries.</summary>
    public string Directory { get; }

    public string EntryPath(string runId) => Path.Combine(Directory, runId + Suffix);

    public string? Stamp(string runId)
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

    public RunCurveCollector? TryLoad(string runId, string stamp, CurveAxis axis, int maxBuckets)
    {
        var path = EntryPath(runId);
        try
        {
            if (!_fs.FileExists(path))
            {
                return null;
            }

            using var stream = _fs.OpenRead(path);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return CurveCacheCodec.Decode(bytes.ToArray(), runId, stamp, axis) is { } run && run.MaxBuckets >= maxBuckets ? run : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Save(string stamp, RunCurveCollector run)
    {
        try
        {
            _fs.CreateDirectory(Directory);
            _fs.WriteAtomic(EntryPath(run.RunId), CurveCacheCodec.Encode(stamp, run), durable: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only store: the next refresh reads this run's history again, as it did before the cache.
        }
    }

    public void Forget(string runId)
    {
        try
        {
            _fs.DeleteFile(EntryPath(runId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An entry left behind is never used: a run created again with this id has histories of another stamp.
        }
    }
}
