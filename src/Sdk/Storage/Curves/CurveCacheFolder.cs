using Wandb.Grouping.Curves;

namespace Wandb.Storage.Curves;

/// <summary>
/// The entries of a curve cache in one folder, a file per run (<see cref="CurveCacheCodec"/>): read whole, written to a
/// temporary file then renamed, so readers see an old entry or a new one, never half of one. Every failure is a miss.
/// </summary>
internal sealed class CurveCacheFolder
{
    public const string Suffix = ".curves.v1.bin";

    private readonly IStoreFileSystem _fs;

    public CurveCacheFolder(string directory, IStoreFileSystem fs)
    {
        Directory = directory;
        _fs = fs;
    }

    public string Directory { get; }

    public string EntryPath(string runId) => Path.Combine(Directory, runId + Suffix);

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
            // A full disk or a read-only folder: the next refresh reads this run's history again, as it did before the cache.
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
            // An entry left behind is never used: a run created again with this id has a history of another stamp.
        }
    }
}
