using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Batches;

/// <summary>
/// Appends finished runs to the writer's batch file <c>batches/&lt;writer&gt;.runs.jsonl</c>, one line per run.
/// A flush is a single append of whole lines, so two thousand test results cost a few writes instead of a
/// folder and two files each. The file belongs to one writer id, so no other process appends to it.
/// </summary>
internal sealed class FolderRunBatchWriter : IRunBatchWriter
{
    private readonly IStoreFileSystem _fs;
    private readonly StoreLayout _layout;
    private readonly string _writerId;
    private readonly MemoryStream _buffer = new();
    private Stream? _file;
    private bool _tornTail;

    public FolderRunBatchWriter(IStoreFileSystem fs, StoreLayout layout, string writerId)
    {
        RunId.Validate(writerId, nameof(writerId));
        _fs = fs;
        _layout = layout;
        _writerId = writerId;
    }

    public int Pending { get; private set; }

    public void Append(RunBatchRecord record)
    {
        record.RequireWriter(_writerId);

        var line = StoreDocumentWriter.WriteBatchLine(record);
        _buffer.Write(line, 0, line.Length);
        Pending++;
    }

    public void Flush()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        if (_file is null)
        {
            StoreFolder.EnsureCreated(_fs, _layout);
            _fs.CreateDirectory(_layout.BatchesDirectory);
            _file = _fs.OpenAppend(_layout.BatchPath(_writerId));
        }

        // A failed write may have appended part of the buffer. The retry starts with a newline, so the torn
        // piece stays one unreadable line, and the records it repeats replace nothing but themselves.
        try
        {
            if (_tornTail)
            {
                _file.WriteByte((byte)'\n');
            }

            _file.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            _file.Flush();
        }
        catch
        {
            _tornTail = true;
            throw;
        }

        _tornTail = false;
        _buffer.SetLength(0);
        Pending = 0;
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _file?.Dispose();
            _file = null;
        }
    }
}
