using Npgsql;
using NpgsqlTypes;
using Wandb.Storage.Codec;
using Wandb.Storage.Postgres;

namespace Wandb.Storage.Merging;

/// <summary>
/// Pushes folder stores into the PostgreSQL store. Each writer goes in one transaction; rows keep their
/// (writer, seq) identity, so pushing the same store again adds nothing.
/// </summary>
internal sealed class PostgresMergeDestination : IMergeDestination, IDisposable
{
    private readonly PostgresRunStore _store;
    private NpgsqlConnection? _connection;

    public PostgresMergeDestination(PostgresRunStore store) => _store = store;

    public string Location => _store.Location;

    public RunMetadataFile? ReadRun(string runId) => Guard(c => PostgresRuns.ReadMetadata(c, runId));

    public void CreateRun(RunMetadataFile metadata) => Guard(c => PostgresRuns.TryCreateRun(c, null, metadata));

    public WriterStateFile? ReadWriter(string runId, string writerId) => Guard(c =>
    {
        using var command = new NpgsqlCommand("SELECT state FROM wandb_writers WHERE run_id = @run AND writer = @writer", c);
        command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Text) { Value = runId });
        command.Parameters.Add(new NpgsqlParameter("writer", NpgsqlDbType.Text) { Value = writerId });
        return command.ExecuteScalar() is string json ? StoreCodec.Deserialize<WriterStateFile>(json) : null;
    });

    public long WriteWriter(string runId, WriterStateFile state, long firstSeq, IEnumerable<HistoryLine> lines) => Guard(c =>
    {
        var batch = _store.Options.PushBatchRows;
        var steps = new long[batch];
        var timestamps = new double[batch];
        var texts = new string[batch];
        long added = 0;
        var seq = firstSeq;
        using var transaction = c.BeginTransaction();
        var count = 0;
        foreach (var line in lines)
        {
            steps[count] = line.Step;
            timestamps[count] = line.Timestamp;
            texts[count] = line.Text;
            if (++count == batch)
            {
                added += PostgresHistory.Insert(c, transaction, runId, state.Writer, seq, steps, timestamps, texts, count);
                seq += count;
                count = 0;
            }
        }

        if (count > 0)
        {
            added += PostgresHistory.Insert(c, transaction, runId, state.Writer, seq, steps, timestamps, texts, count);
        }

        PostgresRuns.UpsertState(c, transaction, runId, state);
        transaction.Commit();
        return added;
    });

    public void Dispose() => _connection?.Dispose();

    private T Guard<T>(Func<NpgsqlConnection, T> action)
    {
        try
        {
            _connection ??= _store.OpenConnection();
            return action(_connection);
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex) && ex is not IOException)
        {
            _connection?.Dispose();
            _connection = null;
            throw PostgresErrors.Wrap(ex, _store.Connection);
        }
    }
}
