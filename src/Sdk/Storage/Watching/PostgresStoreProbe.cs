using Npgsql;
using Wandb.Storage.Postgres;

namespace Wandb.Storage.Watching;

/// <summary>
/// Watches the PostgreSQL store with counts and maxima the tables answer cheaply: runs and writers counted,
/// the latest writer update (a writer upserts its state at most once a second while it logs), and for the
/// writers updated in the last minutes their highest history <c>seq</c>, which the history's primary key
/// answers from its index as soon as a batch of rows commits.
/// </summary>
internal sealed class PostgresStoreProbe : IStoreProbe, IDisposable
{
    private const string QuickSql =
        "SELECT (SELECT count(*) FROM wandb_runs), (SELECT count(*) FROM wandb_writers), "
        + "(SELECT coalesce(extract(epoch FROM max(updated_at)), 0)::float8 FROM wandb_writers), "
        + "(SELECT coalesce(sum(s), 0)::bigint FROM (SELECT (SELECT max(h.seq) FROM wandb_history h WHERE h.run_id = w.run_id AND h.writer = w.writer) AS s "
        + "FROM wandb_writers w WHERE w.updated_at > now() - interval '3 minutes') recent)";

    private const string FullSql =
        "SELECT count(*), coalesce(sum(hashtext(run_id || '/' || writer || '@' || updated_at::text)), 0)::bigint FROM wandb_writers";

    private readonly PostgresRunStore _store;
    private NpgsqlConnection? _connection;

    public PostgresStoreProbe(PostgresRunStore store) => _store = store;

    public long Quick(IReadOnlyCollection<string> activeRunIds) => Query(QuickSql);

    public long Full() => Query(FullSql);

    public void Dispose() => _connection?.Dispose();

    private long Query(string sql)
    {
        try
        {
            // One connection for the probe's lifetime: polling several times a second should not pay a connection each time.
            _connection ??= _store.OpenConnection();
            using var command = new NpgsqlCommand(sql, _connection);
            using var reader = command.ExecuteReader();
            var fingerprint = Fingerprint.Start();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    fingerprint.Add(reader.IsDBNull(i) ? -1 : BitConverter.DoubleToInt64Bits(Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            return fingerprint.Value;
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            _connection?.Dispose();
            _connection = null;
            throw PostgresErrors.Wrap(ex, _store.Connection);
        }
    }
}
