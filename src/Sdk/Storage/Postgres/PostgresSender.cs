using Npgsql;
using Wandb.Diagnostics;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Postgres;

/// <summary>
/// The thread that sends one PostgreSQL writer's rows and state, so the run's writer thread, and with it
/// <c>Log</c>, never waits on the network. Rows go with binary COPY; rows that may have landed before a connection
/// broke go again with <c>INSERT ... ON CONFLICT DO NOTHING</c>, so none is written twice. While the server cannot
/// be written, it is tried again after 100 ms, doubling up to 1 s, with one warning per outage (WANDB001) and one
/// when the rows kept meanwhile have all been sent (WANDB007).
/// </summary>
internal sealed class PostgresSender
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(1);
    private readonly PostgresRunStore _store;
    private readonly RunMetadataFile _run;
    private readonly string _writerId;
    private readonly UnsentRows _unsent;
    private readonly SpillJournal _copy;
    private readonly Func<string> _describeKept;
    private readonly ManualResetEventSlim _stopping = new(false);
    private readonly HistoryLineParser _parser = new();
    private readonly Thread _thread;
    private NpgsqlConnection? _connection;
    private bool _createRun;
    private bool _mayHaveLanded;
    private bool _inOutage;
    private long _confirmedAtOutage;
    private long _backlogEnd = -1;
    private volatile bool _failing;
    private volatile string? _lastError;
    private DateTimeOffset _deadline = DateTimeOffset.MaxValue;

    /// <param name="store">The store, its options, clock and output.</param>
    /// <param name="run">The run the rows belong to.</param>
    /// <param name="writerId">The writer whose rows these are.</param>
    /// <param name="unsent">What the writer accepted and the server has not confirmed.</param>
    /// <param name="copy">The spill folder's copy, from which rows that memory does not hold are read back.</param>
    /// <param name="createRun">Whether the run must be created first (the server was unreachable when it opened).</param>
    /// <param name="describeKept">Says where rows wait while the server is away, for the outage warning.</param>
    public PostgresSender(PostgresRunStore store, RunMetadataFile run, string writerId, UnsentRows unsent, SpillJournal copy, bool createRun, Func<string> describeKept)
    {
        _store = store;
        _run = run;
        _writerId = writerId;
        _unsent = unsent;
        _copy = copy;
        _createRun = createRun;
        _describeKept = describeKept;
        _thread = new Thread(Loop) { IsBackground = true, Name = "wandb-postgres-" + writerId };
    }

    /// <summary>True from a failed send until the next one succeeds.</summary>
    public bool Failing => _failing;

    /// <summary>Why the last send failed, without the password.</summary>
    public string? LastError => _lastError;

    public void Start() => _thread.Start();

    /// <summary>
    /// Sends what is left for at most <paramref name="timeout"/>, then stops. A server that cannot be written gets
    /// one more attempt at once rather than the rest of the time.
    /// </summary>
    public void Stop(TimeSpan timeout)
    {
        _deadline = _store.Clock.UtcNow + timeout;
        _unsent.Close();
        _stopping.Set();

        // A connection attempt to a server that does not answer may outlast the deadline by the connection
        // string's Timeout: the writer then goes on without it (the thread ends at its next look at the
        // deadline), keeping what is unconfirmed in the spill folder.
        _thread.Join(timeout + TimeSpan.FromSeconds(5));
    }

    private void Loop()
    {
        try
        {
            SendUntilStopped();
        }
        finally
        {
            DropConnection(clearPool: false);
        }
    }

    private void SendUntilStopped()
    {
        var retry = FirstRetry;
        var triedSinceStop = false;
        while (true)
        {
            var stopping = _stopping.IsSet;
            if (stopping && (_unsent.AllSent || (_failing && triedSinceStop) || _store.Clock.UtcNow > _deadline))
            {
                return;
            }

            if (_failing && !stopping)
            {
                _stopping.Wait(retry);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }

            var next = _unsent.Next(_store.Options.SendChunkRows, stopping ? TimeSpan.Zero : TimeSpan.FromSeconds(1));
            if (next is null)
            {
                continue;
            }

            triedSinceStop = stopping;
            try
            {
                Send(next);
                _unsent.Confirm(next);
                _failing = false;
                retry = FirstRetry;
                ReportRecovery();
            }
            catch (Exception ex)
            {
                // Anything that goes wrong here, a bug included, must not end the process: it is a failed send, retried.
                Fail(ex, next.Rows > 0);
            }
        }
    }

    private void Send(Outgoing next)
    {
        var connection = Connect();
        if (next.Rows > 0)
        {
            var batches = next.FromMemory ?? new List<LineBatch> { LineBatch.Parse(next.FirstSeq, _copy.Read(next.FirstSeq, next.Rows), _parser) };
            if (_mayHaveLanded)
            {
                // The last send may have committed before its connection broke: skip what landed.
                foreach (var batch in batches)
                {
                    PostgresHistory.Insert(connection, null, _run.Id, _writerId, batch.FirstSeq, batch.Steps, batch.Timestamps, batch.Lines, batch.Count);
                }
            }
            else
            {
                PostgresHistory.Copy(connection, _run.Id, _writerId, batches);
            }

            _mayHaveLanded = false;
        }

        if (next.StateJson is not null)
        {
            PostgresRuns.UpsertState(connection, null, _run.Id, _writerId, next.StateUpdatedAt!.Value, next.StateJson);
        }
    }

    private NpgsqlConnection Connect()
    {
        _connection ??= _store.OpenConnection();
        if (_createRun)
        {
            PostgresRuns.TryCreateRun(_connection, null, _run);
            _createRun = false;
        }

        return _connection;
    }

    private void Fail(Exception ex, bool sentRows)
    {
        DropConnection(clearPool: true);
        _mayHaveLanded |= sentRows;
        _lastError = _store.Connection.Redact(PostgresErrors.Describe(ex));
        _failing = true;
        _backlogEnd = -1;
        if (_inOutage)
        {
            return;
        }

        _inOutage = true;
        _confirmedAtOutage = _unsent.ConfirmedSeq;
        _store.Output.Warning(
            WarningCodes.StoreNotWritable,
            $"Cannot write to the PostgreSQL store {_store.Location}: {_lastError}. Logging goes on: {_describeKept()}, and sent as soon as the server takes them (tried again within 1 s).");
    }

    /// <summary>Once the server takes rows again, says so when every row logged up to then has been sent.</summary>
    private void ReportRecovery()
    {
        if (!_inOutage)
        {
            return;
        }

        if (_backlogEnd < 0)
        {
            _backlogEnd = _unsent.NextSeq;
        }

        if (_unsent.ConfirmedSeq < _backlogEnd)
        {
            return;
        }

        _inOutage = false;
        var sent = _backlogEnd - _confirmedAtOutage;
        _backlogEnd = -1;
        _store.Output.Warning(
            WarningCodes.StoreRecovered,
            $"The PostgreSQL store {_store.Location} takes rows again; the {sent.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} row(s) of run '{_run.Id}' kept while it could not were sent to it.");
    }

    private void DropConnection(bool clearPool)
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            if (clearPool)
            {
                // After a server restart every pooled connection is dead; start afresh rather than fail on each.
                NpgsqlConnection.ClearPool(_connection);
            }

            _connection.Dispose();
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            // The connection is already unusable; nothing of ours is in it.
        }

        _connection = null;
    }
}
