using System.Text;
using Npgsql;
using Wandb.Diagnostics;
using Wandb.Runs;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Postgres;

/// <summary>
/// One process's writer for a run in PostgreSQL, called from the run's background thread only. A failure
/// surfaces as <see cref="IOException"/>, so the recorder keeps the rows in its bounded buffer and retries;
/// when the server stays unreachable for <see cref="PostgresStoreOptions.SpillAfter"/> (or the run ends
/// while it is), the rest of the writer goes to the local folder store with a warning on how to push it.
/// </summary>
internal sealed class PostgresRunWriter : IRunWriter
{
    private readonly PostgresRunStore _store;
    private readonly RunMetadataFile _metadata;
    private readonly string _writerId;
    private readonly HistoryLineWriter _format = new();
    private readonly StringBuilder _builder = new();
    private NpgsqlConnection? _connection;
    private bool _createRun;
    private long _nextSeq;
    private bool _mayHaveLanded;
    private DateTimeOffset? _failingSince;
    private IRunWriter? _spill;

    public PostgresRunWriter(PostgresRunStore store, RunMetadataFile metadata, string writerId, bool createRun)
    {
        _store = store;
        _metadata = metadata;
        _writerId = writerId;
        _createRun = createRun;
    }

    public void AppendRows(IReadOnlyList<PendingRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_spill is not null)
        {
            _spill.AppendRows(rows);
            return;
        }

        var steps = new long[rows.Count];
        var timestamps = new double[rows.Count];
        var lines = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            _builder.Clear();
            _format.Append(_builder, rows[i]);
            steps[i] = rows[i].Step;
            timestamps[i] = Math.Round(rows[i].Timestamp, 6);
            lines[i] = _builder.ToString(0, _builder.Length - 1);
        }

        try
        {
            var connection = Connect();
            if (_mayHaveLanded)
            {
                // The last failed batch may have committed before the connection broke; skip what landed.
                PostgresHistory.Insert(connection, null, _metadata.Id, _writerId, _nextSeq, steps, timestamps, lines, rows.Count);
            }
            else
            {
                PostgresHistory.Copy(connection, _metadata.Id, _writerId, _nextSeq, steps, timestamps, lines, rows.Count);
            }

            _nextSeq += rows.Count;
            _mayHaveLanded = false;
            _failingSince = null;
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            _mayHaveLanded = true;
            if (!SpillsAfter(ex, finishing: false))
            {
                throw PostgresErrors.Wrap(ex, _store.Connection);
            }

            _spill!.AppendRows(rows);
        }
    }

    public void WriteState(WriterStateFile state, bool durable)
    {
        if (_spill is not null)
        {
            _spill.WriteState(state, durable);
            return;
        }

        try
        {
            PostgresRuns.UpsertState(Connect(), null, _metadata.Id, state);
            _failingSince = null;
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            // A final state that cannot reach the server is the last chance to keep the buffered rows: spill now.
            if (!SpillsAfter(ex, finishing: state.State != RunState.Running.ToName()))
            {
                throw PostgresErrors.Wrap(ex, _store.Connection);
            }

            _spill!.WriteState(state, durable);
        }
    }

    public void FlushDurable() => _spill?.FlushDurable();

    public void Dispose()
    {
        DropConnection(clearPool: false);
        _spill?.Dispose();
    }

    private NpgsqlConnection Connect()
    {
        if (_connection is null)
        {
            _connection = _store.OpenConnection();
        }

        if (_createRun)
        {
            PostgresRuns.TryCreateRun(_connection, null, _metadata);
            _createRun = false;
        }

        return _connection;
    }

    /// <summary>Records the failure; true when the writer now spills (the caller then writes there).</summary>
    private bool SpillsAfter(Exception ex, bool finishing)
    {
        DropConnection(clearPool: true);
        var now = _store.Clock.UtcNow;
        _failingSince ??= now;
        if (!finishing && now - _failingSince.Value < _store.Options.SpillAfter)
        {
            return false;
        }

        StartSpill(ex, now);
        return true;
    }

    private void StartSpill(Exception ex, DateTimeOffset now)
    {
        var folder = new FolderRunStore(_store.SpillDirectory, _store.FileSystem, _store.Output, _store.Clock);
        folder.OpenRun(_metadata, ResumeMode.Allow);
        var marker = new SpillMarker { Writer = _writerId, FirstSeq = _nextSeq, Store = _store.Location, SpilledAt = now };
        _store.FileSystem.WriteAtomic(
            Path.Combine(folder.Layout.RunDirectory(_metadata.Id), _writerId + SpillMarker.Suffix),
            StoreCodec.Serialize(marker),
            durable: true);
        _spill = folder.CreateWriter(_metadata.Id, _writerId);
        _store.Output.Warning(
            WarningCodes.PostgresSpilled,
            $"The PostgreSQL store {_store.Location} has not answered for {(now - _failingSince!.Value).TotalSeconds:0} s ({_store.Connection.Redact(ex.Message)}). "
            + $"Run '{_metadata.Id}' goes on in the local folder store {_store.SpillDirectory}; nothing is lost. When the server is back, push it with "
            + $"`dotnet build -t:WandbMerge -p:WandbMergeFrom=\"{_store.SpillDirectory}\"` and WANDB_STORE set to the connection string.");
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
