using Newtonsoft.Json;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Folder;

/// <summary>
/// Reads what one run folder says about its run: <c>run.json</c> and every writer's state, a crashed writer's
/// state caught up with the rows its history holds past it. The store's listing, its run index and retention
/// all read a folder through here, so a run reads back the same whichever of them looks.
/// </summary>
internal sealed class RunFolderReader
{
    private readonly StoreLayout _layout;
    private readonly IStoreFileSystem _fs;
    private readonly IWandbOutput _output;
    private readonly IClock _clock;

    public RunFolderReader(StoreLayout layout, IStoreFileSystem fs, IWandbOutput output, IClock clock, string localHost)
    {
        _layout = layout;
        _fs = fs;
        _output = output;
        _clock = clock;
        LocalHost = localHost;
    }

    /// <summary>The host this process runs on: its writers' liveness is their process, others' their heartbeat.</summary>
    public string LocalHost { get; }

    /// <summary>The run's <c>run.json</c>, or null when it is missing or unreadable (WANDB006).</summary>
    public RunMetadataFile? ReadMetadata(string id)
    {
        var path = _layout.MetadataPath(id);
        if (!_fs.FileExists(path))
        {
            return null;
        }

        try
        {
            return StoreCodec.Deserialize<RunMetadataFile>(ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            _output.Warning(WarningCodes.UnreadableRunFile, $"Skipped run '{id}': {path} cannot be read ({ex.Message}).");
            return null;
        }
    }

    /// <summary>Every readable writer state of the run; unreadable ones are skipped with WANDB006.</summary>
    public List<WriterStateFile> ReadStates(string id)
    {
        var states = new List<WriterStateFile>();
        foreach (var path in _fs.EnumerateFiles(_layout.RunDirectory(id), "*" + StoreLayout.StateSuffix))
        {
            try
            {
                var state = StoreCodec.Deserialize<WriterStateFile>(ReadAllText(path));
                states.Add(CrashedWriters.IsCrashed(state, _clock, LocalHost) ? CatchUp(id, state) : state);
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                _output.Warning(WarningCodes.UnreadableRunFile, $"Skipped writer state {path} of run '{id}' ({ex.Message}).");
            }
        }

        return states;
    }

    /// <summary>Counts the rows a crashed writer's history holds past its state (see <see cref="CrashedWriters"/>).</summary>
    private WriterStateFile CatchUp(string id, WriterStateFile state)
    {
        // A writer that continues one of another store starts its file at first_seq, not at row 0.
        var markerPath = SpillMarker.PathIn(_layout, id, state.Writer);
        var firstSeq = _fs.FileExists(markerPath) ? StoreCodec.Deserialize<SpillMarker>(ReadAllText(markerPath)).FirstSeq : 0;
        return CrashedWriters.CatchUp(state, HistoryTail.Read(_fs, _layout.HistoryPath(id, state.Writer), state.Rows - firstSeq));
    }

    private string ReadAllText(string path)
    {
        using var stream = _fs.OpenRead(path);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
