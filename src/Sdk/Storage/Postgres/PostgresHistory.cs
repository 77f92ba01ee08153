using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Wandb.Storage.Postgres;

/// <summary>
/// Inserts history lines. Each row is keyed by (run, writer, seq), where seq is the row's position in its
/// writer's history; <c>ON CONFLICT DO NOTHING</c> makes a retried batch (the commit may have landed before
/// the connection dropped) or a pushed store that was pushed before add nothing twice.
/// </summary>
internal static class PostgresHistory
{
    private const string InsertSql =
        "INSERT INTO wandb_history (run_id, writer, seq, step, ts, line) " +
        "SELECT @run, @writer, u.seq, u.step, u.ts, u.line FROM unnest(@seqs, @steps, @tss, @lines) AS u(seq, step, ts, line) " +
        "ON CONFLICT DO NOTHING";

    private const string ReadWriterSql =
        "SELECT line FROM wandb_history WHERE run_id = @run AND writer = @writer AND seq >= @from ORDER BY seq";

    // Rows are only ever added (ON CONFLICT DO NOTHING) and go with their run: per writer, how many rows and the last
    // position say whether a run's history is still the one a curve cache entry was made from. The run's creation time
    // tells a run created again with an id retention freed.
    private const string StampsSql =
        "SELECT h.run_id, r.created_at, h.writer, count(*), max(h.seq) FROM wandb_history h JOIN wandb_runs r ON r.id = h.run_id " +
        "WHERE h.run_id = ANY(@ids) GROUP BY h.run_id, r.created_at, h.writer ORDER BY h.run_id, h.writer COLLATE \"C\"";

    private const string ReadSql =
        "SELECT line FROM wandb_history WHERE run_id = @run ORDER BY step, ts, writer COLLATE \"C\", seq";

    /// <summary>Inserts rows <c>firstSeq</c>, <c>firstSeq+1</c>, ...; returns how many were new.</summary>
    public static int Insert(NpgsqlConnection connection, NpgsqlTransaction? transaction, string runId, string writerId, long firstSeq, long[] steps, double[] timestamps, string[] lines, int count)
    {
        var seqs = new long[count];
        for (var i = 0; i < count; i++)
        {
            seqs[i] = firstSeq + i;
        }

        using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Text) { Value = runId });
        command.Parameters.Add(new NpgsqlParameter("writer", NpgsqlDbType.Text) { Value = writerId });
        command.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = seqs });
        command.Parameters.Add(new NpgsqlParameter("steps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = Trim(steps, count) });
        command.Parameters.Add(new NpgsqlParameter("tss", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = Trim(timestamps, count) });
        command.Parameters.Add(new NpgsqlParameter("lines", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Trim(lines, count) });
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Appends rows with binary COPY, several times faster than INSERT. COPY has no ON CONFLICT, but the
    /// primary key still refuses a duplicate: a batch that may have landed already is retried with
    /// <see cref="Insert"/> instead.
    /// </summary>
    public static void Copy(NpgsqlConnection connection, string runId, string writerId, long firstSeq, long[] steps, double[] timestamps, string[] lines, int count)
    {
        using var importer = connection.BeginBinaryImport("COPY wandb_history (run_id, writer, seq, step, ts, line) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            importer.StartRow();
            importer.Write(runId, NpgsqlDbType.Text);
            importer.Write(writerId, NpgsqlDbType.Text);
            importer.Write(firstSeq + i, NpgsqlDbType.Bigint);
            importer.Write(steps[i], NpgsqlDbType.Bigint);
            importer.Write(timestamps[i], NpgsqlDbType.Double);
            importer.Write(lines[i], NpgsqlDbType.Text);
        }

        importer.Complete();
    }

    /// <summary>Appends consecutive batches of one writer with one binary COPY.</summary>
    public static void Copy(NpgsqlConnection connection, string runId, string writerId, IReadOnlyList<LineBatch> batches)
    {
        using var importer = connection.BeginBinaryImport("COPY wandb_history (run_id, writer, seq, step, ts, line) FROM STDIN (FORMAT BINARY)");
        foreach (var batch in batches)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                importer.StartRow();
                importer.Write(runId, NpgsqlDbType.Text);
                importer.Write(writerId, NpgsqlDbType.Text);
                importer.Write(batch.FirstSeq + i, NpgsqlDbType.Bigint);
                importer.Write(batch.Steps[i], NpgsqlDbType.Bigint);
                importer.Write(batch.Timestamps[i], NpgsqlDbType.Double);
                importer.Write(batch.Lines[i], NpgsqlDbType.Text);
            }
        }

        importer.Complete();
    }

    /// <summary>The stamp of each run's history (<see cref="StampsSql"/>), for the runs that have rows.</summary>
    public static Dictionary<string, string> Stamps(NpgsqlConnection connection, IReadOnlyCollection<string> runIds)
    {
        var stamps = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        using var command = new NpgsqlCommand(StampsSql, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = runIds.ToArray() });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var runId = reader.GetString(0);
            if (!stamps.TryGetValue(runId, out var stamp))
            {
                stamps.Add(runId, stamp = new StringBuilder().Append(reader.GetFieldValue<DateTime>(1).Ticks.ToString(CultureInfo.InvariantCulture)).Append(';'));
            }

            stamp.Append(reader.GetString(2)).Append(':')
                .Append(reader.GetInt64(3).ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(reader.GetInt64(4).ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return stamps.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Streams a run's lines in the order the folder store merges writers: by step, then timestamp, then writer.</summary>
    public static IEnumerable<string> ReadLines(NpgsqlConnection connection, string runId)
    {
        using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Text) { Value = runId });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>Streams one writer's lines from row <paramref name="fromSeq"/> on, in the order it wrote them.</summary>
    public static IEnumerable<string> ReadWriterLines(NpgsqlConnection connection, string runId, string writerId, long fromSeq)
    {
        using var command = new NpgsqlCommand(ReadWriterSql, connection);
        command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Text) { Value = runId });
        command.Parameters.Add(new NpgsqlParameter("writer", NpgsqlDbType.Text) { Value = writerId });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Bigint) { Value = fromSeq });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }

    private static T[] Trim<T>(T[] values, int count)
    {
        if (values.Length == count)
        {
            return values;
        }

        var trimmed = new T[count];
        Array.Copy(values, trimmed, count);
        return trimmed;
    }
}
