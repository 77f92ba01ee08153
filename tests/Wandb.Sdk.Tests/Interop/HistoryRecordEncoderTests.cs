using System.Globalization;
using Google.Protobuf;
using Wandb.Interop.Export;
using Wandb.Interop.Protocol;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Interop;

[TestClass]
public sealed class HistoryRecordEncoderTests
{
    [TestMethod]
    public void A_history_row_encodes_to_exactly_the_bytes_of_the_generated_record()
    {
        var encoder = new HistoryRecordEncoder();
        var wide = Enumerable.Range(0, 40).ToDictionary(i => "metric_with_a_long_name_" + i, i => i * 1.25);
        var rows = new[]
        {
            (Num: 1L, Row: new HistoryRow(0, 0, 1796077025.25, new Dictionary<string, double> { ["loss"] = 0.9 })),
            (Num: 2L, Row: new HistoryRow(1, 0.5, 1796077025.75, new Dictionary<string, double> { ["loss"] = double.NaN, ["up"] = double.PositiveInfinity, ["down"] = double.NegativeInfinity, ["zero"] = -0.0 })),
            (Num: 300L, Row: new HistoryRow(123_456_789_012, 1e-7, 1.5, new Dictionary<string, double> { ["naïve ключ"] = 3, ["tiny"] = 5e-324, ["huge"] = double.MaxValue })),
            (Num: 0L, Row: new HistoryRow(7, 12.5, 13.5, wide)),
        };

        foreach (var (num, row) in rows)
        {
            var expected = Generated(num, row);

            var encoded = encoder.Encode(num, row).ToArray();

            CollectionAssert.AreEqual(expected.ToByteArray(), encoded, $"step {row.Step}");
            Assert.AreEqual(expected, Record.Parser.ParseFrom(encoded));
        }
    }

    // The record as the generated protobuf types build it, the reference the encoder must match.
    private static Record Generated(long num, HistoryRow row)
    {
        var history = new HistoryRecord { Step = new HistoryStep { Num = row.Step } };
        history.Item.Add(new HistoryItem { Key = "_step", ValueJson = row.Step.ToString(CultureInfo.InvariantCulture) });
        history.Item.Add(new HistoryItem { Key = "_runtime", ValueJson = ValueJson.Number(row.Runtime) });
        history.Item.Add(new HistoryItem { Key = "_timestamp", ValueJson = ValueJson.Number(row.Timestamp) });
        foreach (var pair in row.Values)
        {
            history.Item.Add(new HistoryItem { Key = pair.Key, ValueJson = ValueJson.Number(pair.Value) });
        }

        return new Record { Num = num, History = history };
    }
}
