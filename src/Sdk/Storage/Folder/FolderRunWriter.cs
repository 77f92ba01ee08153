using System.Text;
using Wandb.Polyfills;
using Wandb.Runs;
using Wandb.Storage.Codec;
using Wandb.Storage.Index;

namespace Wandb.Storage.Folder;

/// <summary>
/// Appends one process's rows to <c>&lt;writer&gt;.history.jsonl</c> and replaces its
/// <c>&lt;writer&gt;.state.json</c>. A failed append is rolled back to the last whole line, so retrying the
/// same rows later neither duplicates nor tears them.
/// </summary>
internal sealed class FolderRunWriter : IRunWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly IStoreFileSystem _fs;
    private readonly StoreLayout _layout;
    private readonly string _runId;
    private readonly string _historyPath;
    private readonly string _statePath;
    private readonly HistoryLineWriter _format = new();
    private const int ChunkChars = 32 * 1024;
    private readonly StringBuilder _builder = new(ChunkChars + 4096);
    private char[] _chars = new char[ChunkChars + 4096];
    private byte[] _bytes = new byte[(ChunkChars + 4096) * 3];
    private Stream? _history;
    private bool _mayEndInPartialLine;
    private bool _stateWritten;

    public FolderRunWriter(IStoreFileSystem fs, StoreLayout layout, string runId, string writerId)
    {
        _fs = fs;
        _layout = layout;
        _runId = runId;
        _historyPath = layout.HistoryPath(runId, writerId);
        _statePath = layout.StatePath(runId, writerId);
    }

    public void AppendRows(IReadOnlyList<PendingRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var stream = _history ??= _fs.OpenAppend(_historyPath);
        long lengthBefore = -1;
        try
        {
            lengthBefore = stream.CanSeek ? stream.Length : -1;
            _builder.Clear();
            if (_mayEndInPartialLine)
            {
                // A previous failure may have left a torn fragment we could not cut off; a newline isolates it.
                _builder.Append('\n');
            }

            // Encode in chunks through reused buffers: one huge string per batch would land on the large
            // object heap and make the garbage collector, not the disk, the bottleneck.
            for (var i = 0; i < rows.Count; i++)
            {
                _format.Append(_builder, rows[i]);
                if (_builder.Length >= ChunkChars)
                {
                    WriteChunk(stream);
                }
            }

            WriteChunk(stream);
            stream.Flush();
            _mayEndInPartialLine = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            RollBack(stream, lengthBefore);
            throw;
        }
    }

    private void WriteChunk(Stream stream)
    {
        var length = _builder.Length;
        if (length == 0)
        {
            return;
        }

        _builder.CopyChars(length, ref _chars);
        var needed = Utf8.GetMaxByteCount(length);
        if (_bytes.Length < needed)
        {
            _bytes = new byte[needed];
        }

        var count = Utf8.GetBytes(_chars, 0, length, _bytes, 0);
        stream.Write(_bytes, 0, count);
        _builder.Clear();
    }

    public void WriteState(WriterStateFile state, bool durable)
    {
        _fs.WriteAtomic(_statePath, StoreCodec.Serialize(state), durable);

        // The first state (the run created or attached to) and the last (finished) change what a listing shows
        // of a run the index may hold as ended; heartbeats in between do not, the index reads running runs anyway.
        if (!_stateWritten || state.State != "running")
        {
            IndexJournal.Touch(_layout, _runId);
            _stateWritten = true;
        }
    }

    public void FlushDurable()
    {
        if (_history is not null)
        {
            _fs.FlushToDisk(_history);
        }
    }

    public void Dispose()
    {
        try
        {
            _history?.Dispose();
        }
        catch (IOException)
        {
            // Everything that could be written was flushed before; a failing close has nothing left to save.
        }

        _history = null;
    }

    private void RollBack(Stream stream, long lengthBefore)
    {
        try
        {
            if (lengthBefore >= 0)
            {
                stream.SetLength(lengthBefore);
                stream.Seek(lengthBefore, SeekOrigin.Begin);
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Fall through: reopen later and start with a newline.
        }

        _mayEndInPartialLine = true;
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // The stream is already unusable.
        }

        _history = null;
    }
}
