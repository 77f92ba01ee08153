using System.Text;
using Wandb.Environment;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Postgres;

/// <summary>
/// The local copy of one PostgreSQL writer in the spill folder, in the folder store's format:
/// <c>runs/&lt;id&gt;/&lt;writer&gt;.history.jsonl</c>, <c>.state.json</c> and a <c>.spill.json</c> marker whose
/// <c>first_seq</c> numbers the file's first line. Every row is appended here before it is sent, so neither an
/// outage, a slow server nor a killed process costs a row that <c>Log</c> accepted: what the server lacks is read
/// back from here, or pushed later with <c>WandbMerge</c>. Once the server has confirmed every line, the copy starts
/// afresh, and it is deleted when the writer ends with nothing left to send.
/// </summary>
internal sealed class SpillJournal : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly IStoreFileSystem _fs;
    private readonly StoreLayout _layout;
    private readonly RunMetadataFile _run;
    private readonly string _writerId;
    private readonly string _storeLocation;
    private readonly IClock _clock;
    private readonly object _indexGate = new();

    // Where each appended batch starts in the current file, so the sender finds a row by its seq.
    private readonly List<(long Seq, long Offset)> _starts = new();
    private readonly StringBuilder _builder = new();
    private Stream? _append;
    private long _firstSeq;
    private long _endSeq;
    private long _length;
    private int _generation;

    // The sender's reading position, kept between reads of consecutive rows.
    private Stream? _read;
    private int _readGeneration = -1;
    private long _cursorSeq = -1;
    private long _cursorOffset;
    private byte[] _readBuffer = new byte[64 * 1024];

    public SpillJournal(IStoreFileSystem fs, string spillDirectory, RunMetadataFile run, string writerId, string storeLocation, IClock clock)
    {
        _fs = fs;
        _layout = new StoreLayout(spillDirectory);
        _run = run;
        _writerId = writerId;
        _storeLocation = storeLocation;
        _clock = clock;
    }

    /// <summary>The seq of the file's first line.</summary>
    public long FirstSeq
    {
        get
        {
            lock (_indexGate)
            {
                return _firstSeq;
            }
        }
    }

    /// <summary>The seq after the file's last line.</summary>
    public long EndSeq
    {
        get
        {
            lock (_indexGate)
            {
                return _endSeq;
            }
        }
    }

    /// <summary>True when a failed append could not be cut back: only <see cref="Restart"/> makes the copy whole again.</summary>
    public bool NeedsRestart { get; private set; }

    private string HistoryPath => _layout.HistoryPath(_run.Id, _writerId);

    private string StatePath => _layout.StatePath(_run.Id, _writerId);

    private string MarkerPath => SpillMarker.PathIn(_layout, _run.Id, _writerId);

    /// <summary>
    /// Starts the copy afresh at <paramref name="firstSeq"/>: earlier lines (the server has them all) go, and the
    /// marker is rewritten after them, so a process killed in between leaves an empty file, never misnumbered lines.
    /// </summary>
    /// <exception cref="IOException">The spill folder cannot be written.</exception>
    public void Restart(long firstSeq)
    {
        CloseAppend();
        _fs.CreateDirectory(_layout.RunDirectory(_run.Id));
        _fs.DeleteFile(HistoryPath);
        var marker = new SpillMarker { Writer = _writerId, FirstSeq = firstSeq, Store = _storeLocation, SpilledAt = _clock.UtcNow, Run = _run };
        InRunFolder(() => _fs.WriteAtomic(MarkerPath, StoreCodec.Serialize(marker), durable: false));
        lock (_indexGate)
        {
            _firstSeq = firstSeq;
            _endSeq = firstSeq;
            _length = 0;
            _starts.Clear();
            _generation++;
        }

        NeedsRestart = false;
    }

    /// <summary>Appends <paramref name="batch"/>, which must start at <see cref="EndSeq"/>, and hands it to the operating system.</summary>
    /// <exception cref="IOException">It could not be written; the file is cut back to its last whole line when possible.</exception>
    public void Append(LineBatch batch)
    {
        if (batch.FirstSeq != EndSeq)
        {
            throw new InvalidOperationException($"Rows from {batch.FirstSeq} cannot follow row {EndSeq - 1} in the spill folder's copy.");
        }

        if (NeedsRestart)
        {
            throw new IOException($"The spill folder's copy {HistoryPath} may end in a torn line and takes no more rows until it starts afresh.");
        }

        _builder.Clear();
        foreach (var line in batch.Lines)
        {
            _builder.Append(line).Append('\n');
        }

        var bytes = Utf8.GetBytes(_builder.ToString());
        long before;
        lock (_indexGate)
        {
            before = _length;
        }

        try
        {
            _append ??= InRunFolder(() => _fs.OpenAppend(HistoryPath));
            _append.Write(bytes, 0, bytes.Length);
            _append.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            CutBack(before);
            throw;
        }

        lock (_indexGate)
        {
            _starts.Add((batch.FirstSeq, before));
            _length = before + bytes.Length;
            _endSeq = batch.EndSeq;
        }
    }

    /// <summary>Reads back <paramref name="count"/> lines from row <paramref name="fromSeq"/> (the sender's thread only).</summary>
    public IReadOnlyList<string> Read(long fromSeq, int count)
    {
        long offset;
        long skip;
        int generation;
        lock (_indexGate)
        {
            if (fromSeq < _firstSeq || fromSeq + count > _endSeq)
            {
                throw new InvalidOperationException($"Rows {fromSeq} to {fromSeq + count - 1} are not in the spill folder's copy ({_firstSeq} to {_endSeq - 1}).");
            }

            generation = _generation;
            if (_cursorSeq == fromSeq && _readGeneration == generation)
            {
                offset = _cursorOffset;
                skip = 0;
            }
            else
            {
                var start = _starts.FindLast(s => s.Seq <= fromSeq);
                offset = start.Offset;
                skip = fromSeq - start.Seq;
            }
        }

        if (_read is null || _readGeneration != generation)
        {
            _read?.Dispose();
            _read = _fs.OpenRead(HistoryPath);
            _readGeneration = generation;
        }

        var lines = ReadLines(_read, offset, skip, count, out var end);
        _cursorSeq = fromSeq + count;
        _cursorOffset = end;
        return lines;
    }

    public void WriteState(byte[] state, bool durable) => InRunFolder(() => _fs.WriteAtomic(StatePath, state, durable));

    /// <summary>
    /// Leaves the copy for a later push: writes the run's <c>run.json</c> next to it, so the spill folder shows the
    /// run like any folder store, and forces the lines to the device.
    /// </summary>
    public void Keep()
    {
        _fs.TryCreateNew(_layout.MetadataPath(_run.Id), StoreCodec.Serialize(_run));
        if (_append is not null)
        {
            _fs.FlushToDisk(_append);
        }
    }

    /// <summary>Removes the copy (the server has every line and the final state), and the run's folder when nothing else is in it.</summary>
    public void Delete()
    {
        Dispose();
        _fs.DeleteFile(HistoryPath);
        _fs.DeleteFile(StatePath);
        _fs.DeleteFile(MarkerPath);
        if (_fs.DeleteEmptyDirectory(_layout.RunDirectory(_run.Id)))
        {
            _fs.DeleteEmptyDirectory(_layout.RunsDirectory);
        }
    }

    public void Dispose()
    {
        CloseAppend();
        _read?.Dispose();
        _read = null;
    }

    /// <summary>
    /// Runs a write in the run's folder, creating the folder first if it is missing: another writer of the same run
    /// that just ended may have removed it while it was empty, a moment before this one put its first file in it.
    /// </summary>
    private T InRunFolder<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (DirectoryNotFoundException)
        {
            _fs.CreateDirectory(_layout.RunDirectory(_run.Id));
            return write();
        }
    }

    private void InRunFolder(Action write) => InRunFolder(() =>
    {
        write();
        return true;
    });

    private void CutBack(long length)
    {
        try
        {
            if (_append is { CanSeek: true })
            {
                _append.SetLength(length);
                _append.Seek(length, SeekOrigin.Begin);
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A torn tail may stay behind: nothing more is appended until the copy starts afresh.
        }

        NeedsRestart = true;
        CloseAppend();
    }

    private void CloseAppend()
    {
        try
        {
            _append?.Dispose();
        }
        catch (IOException)
        {
            // Nothing is lost: what was written is in the file, and the server is sent what it lacks.
        }

        _append = null;
    }

    private List<string> ReadLines(Stream stream, long offset, long skip, int count, out long end)
    {
        var lines = new List<string>(count);
        stream.Seek(offset, SeekOrigin.Begin);
        var start = 0;
        var filled = 0;
        end = offset;
        while (lines.Count < count)
        {
            var newline = Array.IndexOf(_readBuffer, (byte)'\n', start, filled - start);
            if (newline < 0)
            {
                // Keep the partial line at the front and read more behind it.
                Buffer.BlockCopy(_readBuffer, start, _readBuffer, 0, filled - start);
                filled -= start;
                start = 0;
                if (filled == _readBuffer.Length)
                {
                    Array.Resize(ref _readBuffer, _readBuffer.Length * 2);
                }

                var read = stream.Read(_readBuffer, filled, _readBuffer.Length - filled);
                if (read == 0)
                {
                    throw new IOException($"The spill folder's copy {HistoryPath} ended {count - lines.Count} line(s) early.");
                }

                filled += read;
                continue;
            }

            if (skip > 0)
            {
                skip--;
            }
            else
            {
                lines.Add(Utf8.GetString(_readBuffer, start, newline - start));
            }

            end += newline + 1 - start;
            start = newline + 1;
        }

        return lines;
    }
}
