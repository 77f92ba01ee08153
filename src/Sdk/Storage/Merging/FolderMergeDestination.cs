using System.Text;
using Wandb.Diagnostics;
using Wandb.Storage.Batches;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;
using Wandb.Storage.Index;

namespace Wandb.Storage.Merging;

/// <summary>
/// Merges into a folder store with the folder store's own layout and atomic file rules. Runs arrive as
/// folders; runs the destination holds in batch files count as present, so merging stays idempotent.
/// </summary>
internal sealed class FolderMergeDestination : IMergeDestination
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StoreLayout _layout;
    private readonly IStoreFileSystem _fs;
    private readonly Lazy<RunBatchIndex> _batches;

    public FolderMergeDestination(string root, IStoreFileSystem fileSystem, IWandbOutput output)
    {
        _layout = new StoreLayout(root);
        _fs = fileSystem;
        _batches = new Lazy<RunBatchIndex>(() => RunBatchIndex.Read(_layout, fileSystem, output));
    }

    public string Location => _layout.Root;

    public RunMetadataFile? ReadRun(string runId)
    {
        var path = _layout.MetadataPath(runId);
        return File.Exists(path) ? StoreCodec.Deserialize<RunMetadataFile>(File.ReadAllText(path)) : _batches.Value.Find(runId)?.Metadata;
    }

    public void CreateRun(RunMetadataFile metadata)
    {
        StoreFolder.EnsureCreated(_fs, _layout);
        _fs.CreateDirectory(_layout.RunDirectory(metadata.Id));
        _fs.TryCreateNew(_layout.MetadataPath(metadata.Id), StoreCodec.Serialize(metadata));
    }

    public WriterStateFile? ReadWriter(string runId, string writerId)
    {
        var path = _layout.StatePath(runId, writerId);
        return File.Exists(path)
            ? StoreCodec.Deserialize<WriterStateFile>(File.ReadAllText(path))
            : _batches.Value.Find(runId)?.States.FirstOrDefault(s => string.Equals(s.Writer, writerId, StringComparison.Ordinal));
    }

    public long WriteWriter(string runId, WriterStateFile state, long firstSeq, IEnumerable<HistoryLine> lines)
    {
        var historyPath = _layout.HistoryPath(runId, state.Writer);
        var have = FolderStoreSource.ReadHistory(historyPath).LongCount();
        var skip = Math.Max(0, have - firstSeq);
        long added = 0;
        using (var stream = _fs.OpenAppend(historyPath))
        {
            if (stream.Length > 0 && !EndsWithNewline(historyPath))
            {
                // A torn last line must not swallow the first appended row.
                stream.WriteByte((byte)'\n');
            }

            var builder = new StringBuilder();
            foreach (var line in lines.Skip((int)Math.Min(skip, int.MaxValue)))
            {
                builder.Append(line.Text).Append('\n');
                added++;
                if (builder.Length > 1 << 20)
                {
                    Write(stream, builder);
                }
            }

            Write(stream, builder);
            _fs.FlushToDisk(stream);
        }

        _fs.WriteAtomic(_layout.StatePath(runId, state.Writer), StoreCodec.Serialize(state), durable: true);
        IndexJournal.Touch(_layout, runId);
        return added;
    }

    private static void Write(Stream stream, StringBuilder builder)
    {
        var bytes = Utf8.GetBytes(builder.ToString());
        stream.Write(bytes, 0, bytes.Length);
        builder.Clear();
    }

    private static bool EndsWithNewline(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (read.Length == 0)
        {
            return true;
        }

        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
