using Google.Protobuf;
using Wandb.Interop.Protocol;
using Wandb.Interop.TransactionLog;
using Wandb.Storage;

namespace Wandb.Interop.Export;

/// <summary>
/// Writes one run as a <c>.wandb</c> file in the order <c>wandb sync</c> needs: header, run, every history
/// row, summary, then exit, final and footer for a run that ended. The file is written next to its place and
/// renamed over it, so a reader never sees half a log and an export run again replaces it whole.
/// </summary>
internal sealed class OfflineRunWriter
{
    private readonly TransactionLogWriter _log;
    private readonly HistoryRecordEncoder _history = new();
    private byte[] _buffer = new byte[4096];
    private long _num;

    private OfflineRunWriter(TransactionLogWriter log) => _log = log;

    /// <summary>Writes <paramref name="run"/> to <paramref name="path"/>; returns the history rows written.</summary>
    public static long Write(string path, StoredRun run, IEnumerable<HistoryRow> history, string? entity)
    {
        long rows = 0;
        AtomicFile.Write(path, stream =>
        {
            var log = new TransactionLogWriter(stream);
            rows = new OfflineRunWriter(log).WriteRecords(run, history, entity);
            log.Flush();
        }, durable: false);
        return rows;
    }

    private long WriteRecords(StoredRun run, IEnumerable<HistoryRow> history, string? entity)
    {
        Append(ExportRecords.Header());
        Append(ExportRecords.Run(run, entity));
        long rows = 0;
        HistoryRow? last = null;
        foreach (var row in history)
        {
            _log.Append(_history.Encode(++_num, row));
            last = row;
            rows++;
        }

        var runtime = ExportRecords.RuntimeSeconds(run);
        Append(ExportRecords.Summary(run, last, runtime));
        if (ExportRecords.ExitCode(run) is { } exitCode)
        {
            Append(ExportRecords.Exit(exitCode, runtime));
            Append(ExportRecords.Final());
            Append(ExportRecords.Footer());
        }

        return rows;
    }

    private void Append(Record record)
    {
        record.Num = ++_num;
        var size = record.CalculateSize();
        if (_buffer.Length < size)
        {
            _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
        }

        var bytes = _buffer.AsSpan(0, size);
        record.WriteTo(bytes);
        _log.Append(bytes);
    }
}
