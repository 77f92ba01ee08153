using System.Diagnostics;
using System.Globalization;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>
/// Records one process's contribution to one run. <see cref="Log"/> only appends to an in-memory batch
/// under a short lock; a background thread writes the batch at least every <see cref="RecorderLimits.FlushInterval"/>,
/// then the writer state and the heartbeat. When the store cannot be written, rows wait in a bounded memory
/// buffer while the store is retried; once the buffer is full, or the run ends, the rest of the writer goes to
/// the store's fallback folder. Only rows that cannot go there either are dropped, and they are counted in
/// <c>dropped_rows</c> and in a final warning. Training code never sees an I/O exception.
/// </summary>
internal sealed class RunRecorder
{
    private readonly object _gate = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Func<IRunWriter> _openWriter;
    private readonly RunFallback _fallback;
    private readonly RecorderLimits _limits;
    private readonly IWandbOutput _output;
    private readonly IClock _clock;
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly double _startUnixSeconds;
    private readonly Dictionary<string, double> _last = new(StringComparer.Ordinal);
    private readonly List<PendingRow> _unwritten = new();
    private readonly WriterStateFile _state;
    private readonly KeyedValues _config;
    private readonly KeyedValues _summary;
    private readonly string _location;
    private readonly Thread _thread;
    private List<PendingRow> _pending = new();
    private List<PendingRow>? _spare = new();
    private IRunWriter? _writer;
    private bool _onFallback;
    private bool _stopping;
    private bool _storeFailed;
    private bool _recovering;
    private bool _warnedDropping;
    private bool _warnedStepBackwards;
    private string? _fallbackError;
    private long _nextStep;
    private long _lastStep;

    // The last value of every metric as of the rows written, and as of the rows waiting in memory: the state
    // records the first, so a summary never runs ahead of the history it summarises.
    private Dictionary<string, double> _writtenLast = new(StringComparer.Ordinal);
    private Dictionary<string, double>? _lastOfUnwritten;
    private Dictionary<string, double>? _stateLast;
    private long _stateRows;
    private long _writtenConfigVersion = -1;
    private long _writtenSummaryVersion = -1;
    private DateTimeOffset _lastStateWrite;
    private DateTimeOffset _nextRetry;
    private DateTimeOffset _nextFallbackAttempt;

    public RunRecorder(
        string writerId,
        string location,
        long nextStep,
        KeyedValues config,
        KeyedValues summary,
        Func<IRunWriter> openWriter,
        RunFallback fallback,
        RecorderLimits limits,
        IWandbOutput output,
        IClock clock)
    {
        _openWriter = openWriter;
        _fallback = fallback;
        _limits = limits;
        _output = output;
        _clock = clock;
        _config = config;
        _summary = summary;
        _location = location;
        _nextStep = nextStep;
        _lastStep = nextStep - 1;
        var now = clock.UtcNow;
        _startUnixSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        _state = new WriterStateFile
        {
            Writer = writerId,
            Host = SystemInfoCollector.SafeHostName(),
            Pid = CurrentProcess.Id,
            ProcessStartedAt = CurrentProcess.StartedAt,
            StartedAt = now,
            UpdatedAt = now,
            LastStep = nextStep > 0 ? nextStep - 1 : null,
        };
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "wandb-writer-" + writerId };
    }

    /// <summary>The step the next row without an explicit step gets.</summary>
    public long NextStep
    {
        get
        {
            lock (_gate)
            {
                return _nextStep;
            }
        }
    }

    /// <summary>This process's writer id: the name of its files in the run folder.</summary>
    public string WriterId => _state.Writer;

    /// <summary>Writes the first state so readers see the run as running at once, then starts the writer thread.</summary>
    public void Start()
    {
        try
        {
            _writer = _openWriter();
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Fail(ex);
        }

        WriteState(durable: false, force: true);
        _thread.Start();
    }

    public IReadOnlyDictionary<string, double> LastValues()
    {
        lock (_gate)
        {
            return new Dictionary<string, double>(_last, StringComparer.Ordinal);
        }
    }

    /// <exception cref="ArgumentOutOfRangeException">The row's step would be <see cref="long.MaxValue"/>, after which no step could follow.</exception>
    public void Log(string[] keys, double[] values, long? step)
    {
        var runtime = _sinceStart.Elapsed.TotalSeconds;
        var signal = false;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            long rowStep;
            if (step is { } explicitStep)
            {
                if (explicitStep < _lastStep)
                {
                    if (!_warnedStepBackwards)
                    {
                        _warnedStepBackwards = true;
                        _output.Warning(
                            WarningCodes.StepWentBackwards,
                            $"Logged step {explicitStep} is lower than the current step {_lastStep}; steps only increase, so the row was ignored (warned once per run).");
                    }

                    return;
                }

                rowStep = explicitStep;
            }
            else
            {
                rowStep = _nextStep;
            }

            if (rowStep == long.MaxValue)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(step),
                    rowStep,
                    $"Step {rowStep.ToString(CultureInfo.InvariantCulture)} is the largest a long can hold, so no step could follow it; steps must stay below {long.MaxValue.ToString(CultureInfo.InvariantCulture)}.");
            }

            _lastStep = rowStep;
            _nextStep = rowStep + 1;
            while (_pending.Count >= _limits.MaxPendingRows && !_stopping)
            {
                // Back-pressure: the disk is slower than the logger, so wait rather than grow without bound.
                _wake.Set();
                Monitor.Wait(_gate, 50);
            }

            _pending.Add(new PendingRow(rowStep, runtime, _startUnixSeconds + runtime, keys, values));
            for (var i = 0; i < keys.Length; i++)
            {
                _last[keys[i]] = values[i];
            }

            signal = _pending.Count == _limits.BatchRows;
        }

        if (signal)
        {
            _wake.Set();
        }
    }

    /// <summary>Writes everything, records the final state durably and stops the writer thread.</summary>
    public void Finish(RunState state, int? exitCode)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            _state.State = state.ToName();
            _state.ExitCode = exitCode;
            Monitor.PulseAll(_gate);
        }

        _wake.Set();
        if (!_thread.Join(_limits.FinishTimeout))
        {
            _output.Warning(WarningCodes.StoreNotWritable, $"Writing the last rows to {_location} did not finish within {_limits.FinishTimeout.TotalSeconds:0} s; the process goes on without waiting.");
        }
    }

    private void WriteLoop()
    {
        // The interval runs from one batch to the next, not from the end of a write: a row waits at most one
        // interval before its batch is handed to the operating system, however long the previous write took.
        var sinceBatch = Stopwatch.StartNew();
        while (true)
        {
            var wait = _limits.FlushInterval - sinceBatch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                _wake.WaitOne(wait);
            }

            sinceBatch.Restart();
            List<PendingRow> batch;
            Dictionary<string, double>? lastOfBatch = null;
            bool stopping;
            lock (_gate)
            {
                batch = _pending;
                _pending = _spare ?? new List<PendingRow>();
                _spare = null;
                stopping = _stopping;
                if (batch.Count > 0)
                {
                    lastOfBatch = new Dictionary<string, double>(_last, StringComparer.Ordinal);
                }

                Monitor.PulseAll(_gate);
            }

            WriteRows(batch, lastOfBatch);
            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
            }

            if (stopping)
            {
                FinishWriting();
                return;
            }

            WriteState(durable: false, force: false);
        }
    }

    private void WriteRows(List<PendingRow> batch, Dictionary<string, double>? lastOfBatch)
    {
        if ((_storeFailed || _writer is null) && _clock.UtcNow >= _nextRetry)
        {
            TryReopen();
        }

        if (_storeFailed || _writer is null)
        {
            Buffer(batch, lastOfBatch);
            return;
        }

        try
        {
            var kept = _unwritten.Count;
            if (kept > 0)
            {
                _writer.AppendRows(_unwritten);
                CountWritten(_unwritten, _lastOfUnwritten);
                _unwritten.Clear();
            }

            if (_recovering)
            {
                _recovering = false;
                _output.Warning(
                    WarningCodes.StoreRecovered,
                    $"{Capitalized(Target)} can be written again; the {Count(kept)} row(s) kept in memory meanwhile were written to it.");
            }

            _writer.AppendRows(batch);
            CountWritten(batch, lastOfBatch);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Fail(ex);
            Buffer(batch, lastOfBatch);
        }
    }

    private void CountWritten(List<PendingRow> rows, Dictionary<string, double>? lastOfRows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        _state.Rows += rows.Count;
        var last = rows[rows.Count - 1].Step;
        if (_state.LastStep is null || last > _state.LastStep)
        {
            _state.LastStep = last;
        }

        if (lastOfRows is not null)
        {
            _writtenLast = lastOfRows;
        }
    }

    private void Buffer(List<PendingRow> batch, Dictionary<string, double>? lastOfBatch)
    {
        _unwritten.AddRange(batch);
        _lastOfUnwritten = lastOfBatch ?? _lastOfUnwritten;
        var excess = _unwritten.Count - _limits.MaxBufferedRows;
        if (excess <= 0 || (!_onFallback && MoveToFallback(whenDue: true)))
        {
            return;
        }

        _unwritten.RemoveRange(0, excess);
        Drop(excess);
    }

    /// <summary>
    /// Sends the rest of this writer to the fallback folder: the rows waiting in memory now, and every row and
    /// state after them. The marker there records how many rows the store holds, so merging the folder back
    /// continues the writer without a gap. False when the fallback cannot be written either.
    /// </summary>
    private bool MoveToFallback(bool whenDue)
    {
        if (whenDue && _clock.UtcNow < _nextFallbackAttempt)
        {
            return false;
        }

        IRunWriter? fallback = null;
        try
        {
            fallback = _fallback.Open(_state.Rows);

            // The state first: a writer without one is invisible to a merge, and a state that names no rows yet is harmless.
            fallback.WriteState(_state, durable: false);
            fallback.AppendRows(_unwritten);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Close(fallback);
            _fallbackError = ex.Message;
            _nextFallbackAttempt = _clock.UtcNow + _limits.RetryInterval;
            return false;
        }

        var moved = _unwritten.Count;
        CountWritten(_unwritten, _lastOfUnwritten);
        _unwritten.Clear();
        Close(_writer);
        _writer = fallback;
        _onFallback = true;
        _storeFailed = false;
        _recovering = false;
        _output.Warning(
            WarningCodes.FallbackUsed,
            $"The run store {_location} still cannot be written, so the rest of run '{_fallback.RunId}' ({Count(moved)} row(s) so far, and everything logged after them) goes to the fallback folder {_fallback.Directory}; nothing is lost. "
            + $"Once the store can be written, merge the folder back with {_fallback.MergeInstruction}.");
        WriteState(durable: false, force: true);
        return true;
    }

    private void Drop(int rows)
    {
        _state.DroppedRows += rows;
        if (!_warnedDropping)
        {
            _warnedDropping = true;
            _output.Warning(
                WarningCodes.MemoryBufferFull,
                $"Neither {Target} nor the fallback folder {_fallback.Directory} can take rows ({_fallbackError ?? "still failing"}), and {Count(_limits.MaxBufferedRows)} rows are held in memory: older rows are dropped from now on. "
                + "Every dropped row is counted in the writer state's dropped_rows and in a warning when the run ends. Free space or fix permissions to keep the rest.");
        }
    }

    private void FinishWriting()
    {
        if (_storeFailed || _writer is null)
        {
            TryReopen();
        }

        if (!_storeFailed && _writer is not null && _unwritten.Count > 0)
        {
            WriteRows(new List<PendingRow>(), null);
        }

        if (_unwritten.Count > 0 && !_onFallback)
        {
            MoveToFallback(whenDue: false);
        }

        if (_unwritten.Count > 0)
        {
            Drop(_unwritten.Count);
            _unwritten.Clear();
        }

        _state.FinishedAt = _clock.UtcNow;
        var stateWritten = WriteState(durable: true, force: true);
        if (!stateWritten && !_onFallback && MoveToFallback(whenDue: false))
        {
            // The rows are in the store, but its final state is not: the fallback keeps it for the merge.
            stateWritten = WriteState(durable: true, force: true);
        }

        if (_writer is not null)
        {
            try
            {
                _writer.FlushDurable();
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                Fail(ex);
            }

            Close(_writer);
        }

        if (_state.DroppedRows > 0)
        {
            _output.Warning(
                WarningCodes.RowsLost,
                $"Run '{_fallback.RunId}' lost {Count(_state.DroppedRows)} row(s) that neither the run store {_location} nor the fallback folder {_fallback.Directory} could take ({_fallbackError ?? "not writable"}). "
                + (stateWritten ? "The writer state's dropped_rows records the number." : "The writer state, which would record the number in dropped_rows, could not be written either."));
        }
    }

    /// <returns>False when a due state could not be written.</returns>
    private bool WriteState(bool durable, bool force)
    {
        var now = _clock.UtcNow;
        var changed = _config.Version != _writtenConfigVersion
            || _summary.Version != _writtenSummaryVersion
            || _state.Rows != _stateRows
            || !ReferenceEquals(_writtenLast, _stateLast);
        var due = force
            || (changed && now - _lastStateWrite >= _limits.StateInterval)
            || now - _lastStateWrite >= _limits.HeartbeatInterval;
        if (!due)
        {
            return true;
        }

        if ((_storeFailed && !force) || _writer is null)
        {
            return false;
        }

        _state.Config = _config.Snapshot(out var configVersion);
        _state.Summary = _summary.Snapshot(out var summaryVersion);
        _state.Last = _writtenLast;
        _state.UpdatedAt = now;
        try
        {
            _writer.WriteState(_state, durable);
            _writtenConfigVersion = configVersion;
            _writtenSummaryVersion = summaryVersion;
            _stateLast = _writtenLast;
            _stateRows = _state.Rows;
            _lastStateWrite = now;
            return true;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Fail(ex);
            return false;
        }
    }

    /// <summary>Opens the store again (or the fallback, once the writer moved there) and proves it takes a write.</summary>
    private void TryReopen()
    {
        try
        {
            _writer ??= _openWriter();
            _writer.WriteState(_state, durable: false);
            _storeFailed = false;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            _storeFailed = true;
            _nextRetry = _clock.UtcNow + _limits.RetryInterval;
        }
    }

    private void Fail(Exception ex)
    {
        if (!_storeFailed)
        {
            _recovering = true;
            var after = _onFallback
                ? "rows past that are dropped and counted"
                : $"if it stays unwritable, the rest of the run goes to the fallback folder {_fallback.Directory}";
            _output.Warning(
                WarningCodes.StoreNotWritable,
                $"Cannot write to {Target}: {ex.Message} The run goes on: rows wait in memory (up to {Count(_limits.MaxBufferedRows)}) and it is tried again every {_limits.RetryInterval.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s; {after}. Rows already written are kept.");
        }

        _storeFailed = true;
        _nextRetry = _clock.UtcNow + _limits.RetryInterval;
    }

    private string Target => _onFallback ? "the fallback folder " + _fallback.Directory : "the run store " + _location;

    private static string Count(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static void Close(IRunWriter? writer)
    {
        try
        {
            writer?.Dispose();
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            // Everything it could take was flushed before; a failing close has nothing left to save.
        }
    }

    private static bool IsStoreFailure(Exception ex) => ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;
}
