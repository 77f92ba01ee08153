using Google.Protobuf;
using Newtonsoft.Json;
using Wandb.Diagnostics;
using Wandb.Interop.Protocol;
using Wandb.Interop.TransactionLog;

namespace Wandb.Interop.Import;

/// <summary>
/// Reads one W&amp;B transaction log into an <see cref="ImportedRun"/>. The whole file is read before anything
/// is written, so a file with a bad checksum is rejected whole; a torn end is a warning and the records
/// before it count.
/// </summary>
internal static class OfflineRunReader
{
    /// <exception cref="CorruptLogException">A checksum does not match, the header is not W&amp;B's, or a record cannot be decoded (the offset says where).</exception>
    /// <exception cref="InvalidDataException">The log holds no usable run record.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ImportedRun Read(string path, IWandbOutput output)
    {
        var builder = new ImportedRunBuilder();
        var history = new HistoryRecordDecoder();
        long records = 0;
        long? tornAt;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan))
        {
            var reader = new TransactionLogReader(stream);
            while (reader.TryRead(out var bytes))
            {
                try
                {
                    if (!history.TryDecode(bytes, builder))
                    {
                        builder.Add(Record.Parser.ParseFrom(bytes.Array!, bytes.Offset, bytes.Count));
                    }
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw new CorruptLogException(reader.RecordOffset, $"a record that is not a W&B record ({ex.Message})");
                }
                catch (JsonException ex)
                {
                    throw new CorruptLogException(reader.RecordOffset, $"a value that is not JSON ({ex.Message})");
                }

                records++;
            }

            tornAt = reader.TornAt;
        }

        if (tornAt is { } offset)
        {
            output.Warning(
                WarningCodes.WandbLogTorn,
                $"{path} ends inside the record at offset {offset}: its last block is torn (the W&B process stopped while writing). Imported the {records} record(s) before it; without an exit record the run reads as crashed.");
        }

        var run = builder.Build(path, ImportWriterId.For(path));
        if (builder.NonNumericValues > 0)
        {
            output.Warning(
                WarningCodes.WandbValuesNotNumbers,
                $"{builder.NonNumericValues} history value(s) of run '{run.Metadata.Id}' in {path} are not numbers (media, strings, booleans, lists) and were left out; keys: {string.Join(", ", builder.NonNumericKeys.Take(10))}{(builder.NonNumericKeys.Count > 10 ? ", ..." : string.Empty)}.");
        }

        return run;
    }
}
