using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wandb.Interop.Import;
using Wandb.Interop.Protocol;

namespace Wandb.Sdk.Tests.Interop;

[TestClass]
public sealed class HistoryRecordDecoderTests
{
    [TestMethod]
    public void History_records_read_from_their_bytes_give_the_rows_the_generated_parser_gives()
    {
        var records = new[]
        {
            History(0, ("_step", "0"), ("_runtime", "0.5"), ("_timestamp", "1796077025.5"), ("loss", "0.9"), ("acc", "NaN")),
            History(1, ("_step", "1"), ("_runtime", "1.5"), ("_timestamp", "1796077026.5"), ("loss", "Infinity"), ("acc", "-Infinity")),
            History(2, ("_step", "2"), ("train/loss", "0.25"), ("train/deep/acc", "1e-300"), ("loss", "-0.0"), ("caption", "\"a cat\"")),
            History(null, ("_runtime", "3"), ("loss", "12345678901234567890"), ("loss", "7"), ("flag", "true"), ("legacy", "{\"a\": 1}")),
            WithKeyAndExtras(),
        };

        var decoded = Import(records, useDecoder: true).History.Lines().ToList();
        var parsed = Import(records, useDecoder: false).History.Lines().ToList();

        CollectionAssert.AreEqual(parsed, decoded);
        Assert.AreEqual(5, decoded.Count);
        StringAssert.Contains(decoded[2].Text, "\"train.deep.acc\":1E-300");
    }

    [TestMethod]
    public void Records_that_are_not_history_are_left_to_the_generated_parser()
    {
        var decoder = new HistoryRecordDecoder();
        var builder = new ImportedRunBuilder();
        var others = new[]
        {
            new Record { Num = 3, Summary = new SummaryRecord { Update = { new SummaryItem { Key = "loss", ValueJson = "1" } } } },
            new Record { Num = 4, Stats = new StatsRecord { Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) } },
            new Record { Num = 5, Exit = new RunExitRecord { ExitCode = 1 } },
        };

        foreach (var record in others)
        {
            Assert.IsFalse(decoder.TryDecode(record.ToByteArray(), builder), record.RecordTypeCase.ToString());
        }

        Assert.IsFalse(decoder.TryDecode(new byte[] { 0x12, 0x05, 0x0A, 0x7F }, builder), "a truncated history record is left to the parser, which reports it");
    }

    private static ImportedRun Import(IEnumerable<Record> records, bool useDecoder)
    {
        var builder = new ImportedRunBuilder();
        var decoder = new HistoryRecordDecoder();
        builder.Add(new Record { Run = new RunRecord { RunId = "decoded", StartTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) } });
        foreach (var record in records)
        {
            var bytes = record.ToByteArray();
            if (!useDecoder || !decoder.TryDecode(bytes, builder))
            {
                Assert.IsFalse(useDecoder, "every history record here is one the decoder reads");
                builder.Add(Record.Parser.ParseFrom(bytes));
            }
        }

        return builder.Build("run-decoded.wandb", "w");
    }

    // As W&B's core writes history: every item under nested_key; a/b is a nested path.
    private static Record History(long? step, params (string Key, string ValueJson)[] items)
    {
        var history = new HistoryRecord();
        if (step is { } num)
        {
            history.Step = new HistoryStep { Num = num };
        }

        foreach (var (key, valueJson) in items)
        {
            var item = new HistoryItem { ValueJson = valueJson };
            item.NestedKey.AddRange(key.Split('/'));
            history.Item.Add(item);
        }

        return new Record { Num = 7, History = history };
    }

    // Older clients use key; records may also carry control, uuid and _info, which the decoder skips.
    private static Record WithKeyAndExtras()
    {
        var history = new HistoryRecord { Step = new HistoryStep { Num = 40 }, Info = new _RecordInfo { StreamId = "s" } };
        history.Item.Add(new HistoryItem { Key = "loss", ValueJson = "0.125" });
        history.Item.Add(new HistoryItem { Key = "ignored", NestedKey = { "a", "b" }, ValueJson = "2" });
        return new Record { Num = 8, History = history, Control = new Control { Local = true }, Uuid = "u-1", Info = new _RecordInfo { StreamId = "s" } };
    }
}
