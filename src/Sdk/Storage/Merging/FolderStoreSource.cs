using Newtonsoft.Json;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage.Batches;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Merging;

/// <summary>
/// Reads a folder store file by file for merging: each writer separately, history lines verbatim. Runs in
/// batch files are merged like run folders (a merge into a folder store writes them as folders).
/// </summary>
internal sealed class FolderStoreSource
{
    private static readonly string LocalHost = SystemInfoCollector.SafeHostName();
    private readonly IWandbOutput _output;

    public FolderStoreSource(string root, IWandbOutput output)
    {
        Layout = new StoreLayout(root);
        _output = output;
    }

    public StoreLayout Layout { get; }

    public IEnumerable<SourceRun> Runs()
    {
        var batches = RunBatchIndex.Read(Layout, PhysicalStoreFileSystem.Instance, _output);
        var folders = Directory.Exists(Layout.RunsDirectory)
            ? new HashSet<string>(Directory.EnumerateDirectories(Layout.RunsDirectory).Select(d => Path.GetFileName(d)!), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in batches.RunIdsWith(folders))
        {
            if (!RunId.TryValidate(id, out _))
            {
                continue;
            }

            var batched = batches.Find(id);
            if (batched is { IsDeleted: true } && !folders.Contains(id))
            {
                // Deleted by retention: its tombstone ends it here as in every listing.
                continue;
            }

            RunMetadataFile? markedRun = null;
            var folderWriters = folders.Contains(id) ? FolderWriters(id, out markedRun) : new List<SourceWriter>();

            // A writer killed while it kept a PostgreSQL run's rows locally leaves no run.json: its marker names the run.
            var metadata = (folders.Contains(id) ? TryRead<RunMetadataFile>(Layout.MetadataPath(id), id) : null) ?? batched?.Metadata ?? markedRun;
            if (metadata is null)
            {
                continue;
            }

            if (batched is null)
            {
                yield return new SourceRun(metadata, folderWriters);
                continue;
            }

            // The store's own rule picks each writer's state; a folder writer keeps its history and spill marker.
            var writers = batched.CombineWith(folderWriters.Select(w => w.State))
                .OrderBy(state => state.Writer, StringComparer.Ordinal)
                .Select(state => folderWriters.Find(w => string.Equals(w.State.Writer, state.Writer, StringComparison.Ordinal)) is { } folder
                    ? folder with { State = state }
                    : new SourceWriter(state, Layout.HistoryPath(id, state.Writer), 0))
                .ToList();
            yield return new SourceRun(metadata, writers);
        }
    }

    private List<SourceWriter> FolderWriters(string id, out RunMetadataFile? markedRun)
    {
        var directory = Layout.RunDirectory(id);
        var writers = new List<SourceWriter>();
        markedRun = null;
        foreach (var statePath in Directory.EnumerateFiles(directory, "*" + StoreLayout.StateSuffix).OrderBy(p => p, StringComparer.Ordinal))
        {
            var state = TryRead<WriterStateFile>(statePath, id);
            if (state is null)
            {
                continue;
            }

            var writerId = Path.GetFileName(statePath).Substring(0, Path.GetFileName(statePath).Length - StoreLayout.StateSuffix.Length);
            var marker = File.Exists(SpillMarker.PathIn(Layout, id, writerId)) ? TryRead<SpillMarker>(SpillMarker.PathIn(Layout, id, writerId), id) : null;
            markedRun ??= marker?.Run;
            var firstSeq = marker?.FirstSeq ?? 0;
            if (CrashedWriters.IsCrashed(state, SystemClock.Instance, LocalHost))
            {
                // The rows past the state are merged too, and the state that goes with them says so.
                state = CrashedWriters.CatchUp(state, HistoryTail.Read(PhysicalStoreFileSystem.Instance, Layout.HistoryPath(id, writerId), state.Rows - firstSeq));
            }

            writers.Add(new SourceWriter(state, Layout.HistoryPath(id, writerId), firstSeq));
        }

        return writers;
    }

    /// <summary>The writer's readable history lines in file order; torn lines (a killed process) are left out.</summary>
    public static IEnumerable<HistoryLine> ReadHistory(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        var parser = new HistoryLineParser();
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length > 0 && parser.TryParse(line) is { } row)
            {
                yield return new HistoryLine(row.Step, row.Timestamp, line);
            }
        }
    }

    private T? TryRead<T>(string path, string runId)
        where T : class
    {
        try
        {
            return File.Exists(path) ? StoreCodec.Deserialize<T>(File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            _output.Warning(WarningCodes.UnreadableRunFile, $"Skipped {path} of run '{runId}' while merging ({ex.Message}).");
            return null;
        }
    }
}
