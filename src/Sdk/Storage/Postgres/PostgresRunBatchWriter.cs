using Wandb.Diagnostics;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Postgres;

/// <summary>
/// Records many finished runs in PostgreSQL: a flush is one transaction with one statement for the runs and
/// one for their writer states, instead of a connection and three round trips per run. An unreachable server
/// keeps the records pending (retried at most every <see cref="RetryInterval"/>, so a test run never waits on
/// connection attempts); after <see cref="PostgresStoreOptions.SpillAfter"/>, or when the writer is disposed
/// while the server is still away, the records go to the local folder store's batch file (WANDB071), from
/// where <c>WandbMerge</c> pushes them.
/// </summary>
internal sealed class PostgresRunBatchWriter : IRunBatchWriter
{
    /// <summary>The shortest wait between two attempts to reach a server that failed.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly PostgresRunStore _store;
    private readonly string _writerId;
    private readonly List<RunBatchRecord> _pending = new();
    private DateTimeOffset? _failingSince;
    private DateTimeOffset _lastAttempt;
    private Exception? _lastError;
    private FolderRunBatchWriter? _spill;

    public PostgresRunBatchWriter(PostgresRunStore store, string writerId)
    {
        RunId.Validate(writerId, nameof(writerId));
        _store = store;
        _writerId = writerId;
    }

    public int Pending => _pending.Count + (_spill?.Pending ?? 0);

    public void Append(RunBatchRecord record)
    {
        record.RequireWriter(_writerId);

        if (_spill is not null)
        {
            _spill.Append(record);
        }
        else
        {
            _pending.Add(record);
        }
    }

    /// <exception cref="IOException">The server could not take the records; they stay pending.</exception>
    public void Flush() => Flush(finishing: false);

    /// <summary>Writes what is pending; when the server is still unreachable, spills it so nothing is lost.</summary>
    public void Dispose()
    {
        try
        {
            Flush(finishing: true);
        }
        finally
        {
            _spill?.Dispose();
        }
    }

    private void Flush(bool finishing)
    {
        if (_spill is not null)
        {
            _spill.Flush();
            return;
        }

        if (_pending.Count == 0)
        {
            return;
        }

        var now = _store.Clock.UtcNow;
        if (_failingSince is not null && !finishing && now - _lastAttempt < RetryInterval)
        {
            return;
        }

        _lastAttempt = now;
        try
        {
            Write(_pending);
            _pending.Clear();
            _failingSince = null;
            return;
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            _failingSince ??= now;
            _lastError = ex;
        }

        if (finishing || now - _failingSince.Value >= _store.Options.SpillAfter)
        {
            Spill(now);
            return;
        }

        throw PostgresErrors.Wrap(_lastError!, _store.Connection);
    }

    private void Write(IReadOnlyList<RunBatchRecord> records)
    {
        // A later record of the same run replaces an earlier one, as in a batch file; one statement may not
        // update a row twice, so only the last of each run is sent.
        var latest = new Dictionary<string, RunBatchRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            latest[record.Run.Id] = record;
        }

        var runs = latest.Values.ToList();
        using var connection = _store.OpenConnection();
        using var transaction = connection.BeginTransaction();
        PostgresRuns.TryCreateRuns(connection, transaction, runs.Select(r => r.Run).ToList());
        PostgresRuns.UpsertStates(connection, transaction, runs.Select(r => (r.Run.Id, r.State)).ToList());
        transaction.Commit();
    }

    private void Spill(DateTimeOffset now)
    {
        _spill = new FolderRunBatchWriter(_store.FileSystem, new StoreLayout(_store.SpillDirectory), _writerId);
        foreach (var record in _pending)
        {
            _spill.Append(record);
        }

        var count = _pending.Count;
        _pending.Clear();
        _spill.Flush();
        _store.Output.Warning(
            WarningCodes.PostgresSpilled,
            $"The PostgreSQL store {_store.Location} has not taken the finished runs for {(now - _failingSince!.Value).TotalSeconds:0} s ({_store.Connection.Redact(_lastError?.Message ?? "no answer")}). "
            + $"The {count} finished run(s) waiting for it, and any recorded after them, went to the local folder store {_store.SpillDirectory}; nothing is lost. When the server is back, push them with "
            + $"`dotnet build -t:WandbMerge -p:WandbMergeFrom=\"{_store.SpillDirectory}\"` and WANDB_STORE set to the connection string.");
    }
}
