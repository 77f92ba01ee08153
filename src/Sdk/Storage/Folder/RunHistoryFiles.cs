using System.Globalization;
using System.Text;
using Wandb.Environment;
using Wandb.Storage.Index;

namespace Wandb.Storage.Folder;

/// <summary>
/// The files a folder store run's history is made of (one <c>&lt;writer&gt;.history.jsonl</c> per process attached to
/// it), in one place: reading the history and stamping it for the curve cache must name the same files.
/// </summary>
internal static class RunHistoryFiles
{
    /// <summary>The run's history files, in ordinal order of their names.</summary>
    public static List<string> Of(IStoreFileSystem fs, StoreLayout layout, string runId) =>
        fs.EnumerateFiles(layout.RunDirectory(runId), "*" + StoreLayout.HistorySuffix)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Each run's history stamp for the curve cache: the name, length and last write time of each of its history files,
    /// so a history that grew (a resumed run, a merge appending to a file), was rewritten, or a run id used again never
    /// serves an old entry. Listed on every core (a file system call or three per run); a run without a history file is
    /// left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Stamps(IStoreFileSystem fs, StoreLayout layout, IReadOnlyCollection<string> runIds) =>
        runIds
            .AsParallel()
            .WithDegreeOfParallelism(Parallelism.Degree)
            .Select(id => (Id: id, Stamp: Stamp(fs, layout, id)))
            .Where(p => p.Stamp is not null)
            .ToDictionary(p => p.Id, p => p.Stamp!, StringComparer.Ordinal);

    private static string? Stamp(IStoreFileSystem fs, StoreLayout layout, string runId)
    {
        var stamp = new StringBuilder();
        foreach (var file in Of(fs, layout, runId))
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
