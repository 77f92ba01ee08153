using System.Diagnostics;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage;

namespace Wandb.Runs;

/// <summary>
/// Records one process's contribution to one run. <see cref="Log"/> only appends to an in-memory batch
/// under a short lock; a background thread writes batches, the writer state and the heartbeat. When the
/// store cannot be written, rows stay in a bounded memory buffer and the store is retried, so training
/// code never sees an I/O exception.
/// </summary>
internal sealed class RunRecorder
{
    private readonly object _gate = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Func<IRunWriter> _openWriter;
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
    private bool _stopping;
    private bool _storeFailed;
    private bool _warnedBufferFull;
    private bool _warnedStepBackwards;
    private long _nextStep;
    private long _lastStep;
    private long _lastVersion;
    private long _writtenLastVersion = -1;
    private long _writtenConfigVersion = -1;
    private long _writtenSummaryVersion = -1;
    private DateTimeOffset _lastStateWrite;
    private DateTimeOffset _nextRetry;

    public RunRecorder(
        string writerId,
        string location,
        long nextStep,
        KeyedValues config,
        KeyedValues summary,
        Func<IRunWriter> openWriter,
        RecorderLimits limits,
        IWandbOutput output,
        IClock clock)
    {
        _openWriter = openWriter;
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

    /// <summary>Rows the store could not take that were dropped from the full memory buffer.</summary>
    public long DroppedRows => _state.DroppedRows;

    /// <summary>Writes the first state so readers see the run as running at once, then starts the writer thread.</summary>
    public void Start()
    {
        TryOpenWriter(firstAttempt: true);
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

            _lastVersion++;
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
        while (true)
        {
            _wake.WaitOne(_limits.FlushInterval);
            List<PendingRow> batch;
            bool stopping;
            lock (_gate)
            {
                batch = _pending;
                _pending = _spare ?? new List<PendingRow>();
                _spare = null;
                stopping = _stopping;
                Monitor.PulseAll(_gate);
            }

            WriteRows(batch);
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

    private void WriteRows(List<PendingRow> batch)
    {
        if (_storeFailed && _clock.UtcNow >= _nextRetry)
        {
            TryOpenWriter(firstAttempt: false);
        }

        if (_storeFailed || _writer is null)
        {
            Buffer(batch);
            return;
        }

        try
        {
            if (_unwritten.Count > 0)
            {
                _writer.AppendRows(_unwritten);
                CountWritten(_unwritten);
                _unwritten.Clear();
                _output.Warning(WarningCodes.StoreRecovered, $"The run store {_location} can be written again; rows kept in memory were written.");
            }

            _writer.AppendRows(batch);
            CountWritten(batch);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Fail(ex);
            Buffer(batch);
        }
    }

    private void CountWritten(List<PendingRow> rows)
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
    }

    private void Buffer(List<PendingRow> batch)
    {
        _unwritten.AddRange(batch);
        var excess = _unwritten.Count - _limits.MaxBufferedRows;
        if (excess > 0)
        {
            _unwritten.RemoveRange(0, excess);
            _state.DroppedRows += excess;
            if (!_warnedBufferFull)
            {
                _warnedBufferFull = true;
                _output.Warning(
                    WarningCodes.MemoryBufferFull,
                    $"The run store {_location} still cannot be written and {_limits.MaxBufferedRows} rows are held in memory; older rows are now dropped. Free space or fix permissions to keep the rest.");
            }
        }
    }

    private void FinishWriting()
    {
        if (_storeFailed)
        {
            TryOpenWriter(firstAttempt: false);
            if (!_storeFailed)
            {
                WriteRows(new List<PendingRow>());
            }
        }

        _state.FinishedAt = _clock.UtcNow;
        WriteState(durable: true, force: true);
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

            _writer.Dispose();
        }
    }

    private void WriteState(bool durable, bool force)
    {
        var now = _clock.UtcNow;
        var changed = _config.Version != _writtenConfigVersion || _summary.Version != _writtenSummaryVersion || Volatile.Read(ref _lastVersion) != _writtenLastVersion;
        var due = force
            || (changed && now - _lastStateWrite >= _limits.StateInterval)
            || now - _lastStateWrite >= _limits.HeartbeatInterval;
        if (!due || (_storeFailed && !force) || _writer is null)
        {
            return;
        }

        _state.Config = _config.Snapshot(out var configVersion);
        _state.Summary = _summary.Snapshot(out var summaryVersion);
        lock (_gate)
        {
            _state.Last = new Dictionary<string, double>(_last, StringComparer.Ordinal);
            _writtenLastVersion = _lastVersion;
        }

        _state.UpdatedAt = now;
        try
        {
            _writer.WriteState(_state, durable);
            _writtenConfigVersion = configVersion;
            _writtenSummaryVersion = summaryVersion;
            _lastStateWrite = now;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            Fail(ex);
        }
    }

    private void TryOpenWriter(bool firstAttempt)
    {
        try
        {
            _writer ??= _openWriter();
            if (!firstAttempt)
            {
                // Proves the store is writable again before rows are sent to it.
                _writer.WriteState(_state, durable: false);
            }

            _storeFailed = false;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            if (firstAttempt || !_storeFailed)
            {
                Fail(ex);
            }
            else
            {
                _nextRetry = _clock.UtcNow + _limits.RetryInterval;
            }
        }
    }

    private void Fail(Exception ex)
    {
        if (!_storeFailed)
        {
            _output.Warning(
                WarningCodes.StoreNotWritable,
                $"Cannot write to the run store {_location}: {ex.Message} The run goes on in memory (up to {_limits.MaxBufferedRows} rows) and the store is retried every {_limits.RetryInterval.TotalSeconds:0} s; rows already written are kept.");
        }

        _storeFailed = true;
        _nextRetry = _clock.UtcNow + _limits.RetryInterval;
    }

    private static bool IsStoreFailure(Exception ex) => ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;
}
