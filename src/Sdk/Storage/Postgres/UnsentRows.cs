namespace Wandb.Storage.Postgres;

/// <summary>
/// What one PostgreSQL writer has accepted and the server has not confirmed yet, shared by the run's writer
/// thread, which adds rows and states, and the sender thread, which sends them. Rows are numbered by seq; each
/// row from <see cref="ConfirmedSeq"/> to <see cref="NextSeq"/> is held in memory, in the spill folder's copy, or
/// both. Memory is bounded: past <see cref="_maxMemoryRows"/> rows the sender reads them back from the copy.
/// </summary>
internal sealed class UnsentRows
{
    // States come about once a second; a sender that lags behind by more than this keeps the newest.
    private const int MaxWaitingStates = 600;

    private readonly object _gate = new();
    private readonly List<LineBatch> _memory = new();
    private readonly int _maxMemoryRows;
    private int _memoryRows;
    private long _nextSeq;
    private long _confirmedSeq;
    private readonly List<PendingState> _states = new();
    private long _stateVersion;
    private bool _closing;

    public UnsentRows(int maxMemoryRows) => _maxMemoryRows = maxMemoryRows;

    /// <summary>The seq the next accepted row gets: how many rows the writer has accepted.</summary>
    public long NextSeq
    {
        get
        {
            lock (_gate)
            {
                return _nextSeq;
            }
        }
    }

    /// <summary>How many rows (from seq 0) the server has confirmed.</summary>
    public long ConfirmedSeq
    {
        get
        {
            lock (_gate)
            {
                return _confirmedSeq;
            }
        }
    }

    /// <summary>True when the server has every accepted row and the latest state.</summary>
    public bool AllSent
    {
        get
        {
            lock (_gate)
            {
                return _confirmedSeq == _nextSeq && _states.Count == 0;
            }
        }
    }

    /// <summary>
    /// Accepts <paramref name="batch"/>, keeping it in memory when there is room and the sender is not failing (while
    /// the server is away, rows in the copy would only sit in memory). A batch that is not in the spill folder's copy
    /// must be kept: then this waits for room while the sender is making progress, and returns false (the batch is
    /// not accepted) when it is failing.
    /// </summary>
    public bool Add(LineBatch batch, bool inCopy, Func<bool> senderFailing)
    {
        lock (_gate)
        {
            while (!inCopy && _memory.Count > 0 && _memoryRows + batch.Count > _maxMemoryRows)
            {
                if (senderFailing())
                {
                    return false;
                }

                Monitor.Wait(_gate, 50);
            }

            if (!inCopy || (_memoryRows + batch.Count <= _maxMemoryRows && !senderFailing()))
            {
                _memory.Add(batch);
                _memoryRows += batch.Count;
            }

            _nextSeq = batch.EndSeq;
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>The batches in memory from <paramref name="fromSeq"/> on, which are the rows the copy lacks when it broke off there.</summary>
    public List<LineBatch> InMemoryFrom(long fromSeq)
    {
        lock (_gate)
        {
            return _memory.Where(b => b.FirstSeq >= fromSeq).ToList();
        }
    }

    /// <summary>
    /// Records the writer state to send once the rows it counts (all accepted so far) are confirmed. States wait
    /// in order: while the sender lags behind, the newest state whose rows are in goes with them, so the database
    /// keeps a heartbeat and a row count that never runs ahead of its history.
    /// </summary>
    public void SetState(string json, DateTimeOffset updatedAt)
    {
        lock (_gate)
        {
            _states.Add(new PendingState(json, updatedAt, _nextSeq, ++_stateVersion));
            if (_states.Count > MaxWaitingStates)
            {
                _states.RemoveAt(0);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Tells the sender to finish what it can and stop.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closing = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for something to send and returns it: rows from memory, rows to read back
    /// from the copy, or only the state. Null when there is nothing (yet).
    /// </summary>
    public Outgoing? Next(int maxRows, TimeSpan wait)
    {
        lock (_gate)
        {
            if (!HasWork() && !_closing && wait > TimeSpan.Zero)
            {
                Monitor.Wait(_gate, wait);
            }

            if (!HasWork())
            {
                return null;
            }

            if (_confirmedSeq == _nextSeq)
            {
                var latest = _states[_states.Count - 1];
                return new Outgoing(_confirmedSeq, 0, null, latest.Json, latest.UpdatedAt, latest.Version);
            }

            // Rows the state counts must be confirmed first; a state that runs ahead waits for them.
            var firstSeq = _confirmedSeq;
            var fromMemory = new List<LineBatch>();
            var rows = 0;
            foreach (var batch in _memory)
            {
                if (batch.FirstSeq != firstSeq + rows || (rows > 0 && rows + batch.Count > maxRows))
                {
                    break;
                }

                fromMemory.Add(batch);
                rows += batch.Count;
            }

            if (rows == 0)
            {
                // Not in memory: read back from the copy, up to the next rows memory holds.
                var until = _memory.Count > 0 ? _memory[0].FirstSeq : _nextSeq;
                rows = (int)Math.Min(until - firstSeq, maxRows);
            }

            var stateAfter = _states.LastOrDefault(state => state.Rows <= firstSeq + rows);
            return new Outgoing(firstSeq, rows, fromMemory.Count > 0 ? fromMemory : null, stateAfter?.Json, stateAfter?.UpdatedAt, stateAfter?.Version ?? 0);
        }
    }

    /// <summary>The server confirmed <paramref name="sent"/>: its rows, and its state when it carried one.</summary>
    public void Confirm(Outgoing sent)
    {
        lock (_gate)
        {
            _confirmedSeq = Math.Max(_confirmedSeq, sent.FirstSeq + sent.Rows);
            while (_memory.Count > 0 && _memory[0].EndSeq <= _confirmedSeq)
            {
                _memoryRows -= _memory[0].Count;
                _memory.RemoveAt(0);
            }

            if (sent.StateJson is not null)
            {
                _states.RemoveAll(state => state.Version <= sent.StateVersion);
            }

            Monitor.PulseAll(_gate);
        }
    }

    private bool HasWork() => _confirmedSeq < _nextSeq || _states.Count > 0;

    private sealed record PendingState(string Json, DateTimeOffset UpdatedAt, long Rows, long Version);
}
