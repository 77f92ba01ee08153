using System.Globalization;
using System.Text;
using Wandb.Diagnostics;
using Wandb.Runs;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Postgres;

/// <summary>
/// One process's writer for a run in PostgreSQL, called from the run's writer thread, which it never lets wait on
/// the network. Each batch is numbered (seq), appended to the writer's copy in the spill folder and handed to a
/// <see cref="PostgresSender"/> thread that sends it. An outage or a slow server only makes the copy grow; the
/// sender catches up from it, and what it has not sent when the run ends stays there for <c>WandbMerge</c>
/// (WANDB071). Only when the spill folder cannot be written do rows wait in memory for the server instead.
/// </summary>
internal sealed class PostgresRunWriter : IRunWriter
{
    private static readonly TimeSpan RepairInterval = TimeSpan.FromSeconds(1);
    private readonly PostgresRunStore _store;
    private readonly RunMetadataFile _metadata;
    private readonly HistoryLineWriter _format = new();
    private readonly StringBuilder _builder = new();
    private readonly UnsentRows _unsent;
    private readonly SpillJournal _copy;
    private readonly PostgresSender _sender;
    private bool _copyBroken;
    private string? _copyError;
    private DateTimeOffset _nextRepair;
    private byte[]? _lastState;
    private bool _disposed;

    public PostgresRunWriter(PostgresRunStore store, RunMetadataFile metadata, string writerId, bool createRun)
    {
        _store = store;
        _metadata = metadata;
        _unsent = new UnsentRows(store.Options.MaxMemoryRows);
        _copy = new SpillJournal(store.FileSystem, store.SpillDirectory, metadata, writerId, store.Location, store.Clock);
        try
        {
            _copy.Restart(0);
        }
        catch (Exception ex) when (IsLocalFailure(ex))
        {
            CopyFailed(ex);
        }

        _sender = new PostgresSender(store, metadata, writerId, _unsent, _copy, createRun, DescribeKept);
        _sender.Start();
    }

    /// <exception cref="IOException">Neither the server nor the spill folder takes rows, and memory holds all it may.</exception>
    public void AppendRows(IReadOnlyList<PendingRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var batch = LineBatch.Encode(rows, _unsent.NextSeq, _format, _builder);
        PrepareCopy(batch.FirstSeq, force: false);
        var inCopy = false;
        if (!_copyBroken)
        {
            try
            {
                _copy.Append(batch);
                inCopy = true;
            }
            catch (Exception ex) when (IsLocalFailure(ex))
            {
                CopyFailed(ex);
            }
        }

        if (!_unsent.Add(batch, inCopy, () => _sender.Failing))
        {
            throw new IOException(
                $"PostgreSQL store {_store.Location}: the server cannot be written ({_sender.LastError ?? "no answer"}), the spill folder {_store.SpillDirectory} cannot either ({_copyError}), "
                + $"and {_store.Options.MaxMemoryRows.ToString("N0", CultureInfo.InvariantCulture)} rows already wait in memory.");
        }
    }

    public void WriteState(WriterStateFile state, bool durable)
    {
        var json = StoreCodec.Serialize(state);
        _lastState = json;
        if (!_copyBroken)
        {
            try
            {
                _copy.WriteState(json, durable: false);
            }
            catch (Exception ex) when (IsLocalFailure(ex))
            {
                CopyFailed(ex);
            }
        }

        _unsent.SetState(Encoding.UTF8.GetString(json), state.UpdatedAt);
    }

    /// <summary>Nothing to force: rows are durable once the server commits them, and a copy left behind is forced when the writer ends.</summary>
    public void FlushDurable()
    {
    }

    /// <summary>
    /// Gives the sender up to <see cref="PostgresStoreOptions.FinishTimeout"/> to send what is left. When the server
    /// then has everything, the copy is deleted; otherwise it stays in the spill folder with WANDB071 saying how many
    /// rows wait there and how to push them, and rows that could not be kept even there are counted (WANDB010).
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sender.Stop(_store.Options.FinishTimeout);
        if (_unsent.AllSent)
        {
            DeleteCopy();
            return;
        }

        PrepareCopy(_unsent.NextSeq, force: true);
        var unsent = _unsent.NextSeq - _unsent.ConfirmedSeq;
        var lost = _copyBroken ? _unsent.NextSeq - Math.Max(_unsent.ConfirmedSeq, _copy.EndSeq) : 0;
        if (!_copyBroken)
        {
            try
            {
                if (_lastState is not null)
                {
                    _copy.WriteState(_lastState, durable: true);
                }

                _copy.Keep();
            }
            catch (Exception ex) when (IsLocalFailure(ex))
            {
                CopyFailed(ex);
            }
        }

        _copy.Dispose();
        var cause = _sender.LastError ?? "it did not take them in time";
        if (unsent - lost > 0 || (unsent == 0 && !_copyBroken))
        {
            var what = unsent == 0
                ? $"The final state of run '{_metadata.Id}' has"
                : $"{Count(unsent - lost)} row(s) of run '{_metadata.Id}' (and its final state) have";
            _store.Output.Warning(
                WarningCodes.PostgresSpilled,
                $"{what} not reached the PostgreSQL store {_store.Location} ({cause}); they are kept in the local spill folder {_store.SpillDirectory}, and nothing of them is lost. "
                + $"When the server is back, push them with {_store.MergeInstruction(_store.SpillDirectory)}.");
        }

        if (lost > 0)
        {
            _store.Output.Warning(
                WarningCodes.RowsLost,
                $"Run '{_metadata.Id}' lost {Count(lost)} row(s) that neither the PostgreSQL store {_store.Location} ({cause}) nor the spill folder {_store.SpillDirectory} ({_copyError}) could take.");
        }
    }

    /// <summary>
    /// Keeps the copy short and whole before rows are appended from <paramref name="nextSeq"/> on: once the server has
    /// confirmed every line, the copy starts afresh; a copy that broke off is mended from the rows memory holds since.
    /// </summary>
    private void PrepareCopy(long nextSeq, bool force)
    {
        var confirmed = _unsent.ConfirmedSeq;
        try
        {
            if (!_copyBroken)
            {
                if (confirmed == nextSeq && _copy.EndSeq > _copy.FirstSeq)
                {
                    _copy.Restart(nextSeq);
                }

                return;
            }

            var now = _store.Clock.UtcNow;
            if (!force && now < _nextRepair)
            {
                return;
            }

            _nextRepair = now + RepairInterval;
            if (confirmed >= _copy.EndSeq)
            {
                _copy.Restart(confirmed);
            }
            else if (_copy.NeedsRestart)
            {
                // Its tail may be torn, and it still holds rows the server lacks: wait until they are sent.
                return;
            }

            // Since the copy broke off, every row has been kept in memory until the server confirmed it.
            foreach (var batch in _unsent.InMemoryFrom(_copy.EndSeq))
            {
                _copy.Append(batch);
            }

            _copyBroken = false;
        }
        catch (Exception ex) when (IsLocalFailure(ex))
        {
            CopyFailed(ex);
        }
    }

    private void CopyFailed(Exception ex)
    {
        var first = _copyError is null;
        _copyBroken = true;
        _copyError = ex.Message;
        if (first)
        {
            _store.Output.Warning(
                WarningCodes.SpillFolderNotWritable,
                $"The spill folder {_store.SpillDirectory} cannot be written ({ex.Message}), so run '{_metadata.Id}' keeps no local copy of its rows: while the PostgreSQL store {_store.Location} cannot be written, "
                + $"up to {Count(_store.Options.MaxMemoryRows)} rows wait in memory for it, and a process killed meanwhile loses them. Point WANDB_DIR at a writable folder.");
        }
    }

    private string DescribeKept() => _copyBroken
        ? $"up to {Count(_store.Options.MaxMemoryRows)} rows wait in memory (the spill folder {_store.SpillDirectory} cannot be written)"
        : $"rows are kept in the local spill folder {_store.SpillDirectory}";

    private void DeleteCopy()
    {
        try
        {
            _copy.Delete();
        }
        catch (Exception ex) when (IsLocalFailure(ex))
        {
            // A copy left behind holds only rows the server has: pushing it later adds nothing.
        }
    }

    private static string Count(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static bool IsLocalFailure(Exception ex) => ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;
}
