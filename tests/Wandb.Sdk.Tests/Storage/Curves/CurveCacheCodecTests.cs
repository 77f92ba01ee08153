using Wandb.Grouping.Curves;
using Wandb.Storage;
using Wandb.Storage.Curves;

namespace Wandb.Sdk.Tests.Storage.Curves;

/// <summary>
/// A curve cache entry is decoded from its bytes in memory: what is read back must be what was written, value for value
/// (encoding it again gives the same bytes), and any entry cut short, extended or made for another history is no entry.
/// </summary>
[TestClass]
public sealed class CurveCacheCodecTests
{
    private const string Stamp = "history.jsonl:48213:638680000000000000";

    [TestMethod]
    public void An_entry_reads_back_as_written_with_long_and_non_ascii_names_and_every_kind_of_value()
    {
        var run = Collected(
            ("loss", i => 1.0 / (i + 1)),
            (new string('m', 300), i => i % 7 == 0 ? double.NaN : -i * 1e-300),
            ("genauigkeit/über-alles ✓", i => i % 11 == 0 ? double.PositiveInfinity : i * 1e300),
            ("sparse", i => i % 50 == 0 ? i : double.NegativeInfinity));
        var bytes = CurveCacheCodec.Encode(Stamp, run);

        var decoded = Decode(bytes, Stamp);

        Assert.IsNotNull(decoded);
        Assert.AreEqual(run.MaxBuckets, decoded.MaxBuckets);
        CollectionAssert.AreEquivalent(run.Metrics.Keys.ToList(), decoded.Metrics.Keys.ToList());
        CollectionAssert.AreEqual(bytes, CurveCacheCodec.Encode(Stamp, decoded), "encoded again: the same bytes");
    }

    [TestMethod]
    public void An_entry_cut_short_at_any_byte_extended_or_made_from_another_history_is_none()
    {
        var bytes = CurveCacheCodec.Encode(Stamp, Collected(("loss", i => 1.0 / (i + 1)), (new string('a', 200), i => i)));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.IsNull(Decode(bytes.Take(length).ToArray(), Stamp), $"cut to {length} of {bytes.Length} bytes");
        }

        Assert.IsNull(Decode(bytes.Concat(new byte[] { 0 }).ToArray(), Stamp), "a byte past the end marker");
        Assert.IsNull(Decode(bytes, Stamp + "0"), "another history's stamp");
        Assert.IsNotNull(Decode(bytes, Stamp), "the entry itself");
    }

    private static RunCurveCollector? Decode(byte[] bytes, string stamp)
    {
        using var stream = new MemoryStream(bytes);
        return CurveCacheCodec.Decode(stream, "run1", stamp, CurveAxis.Step);
    }

    private static RunCurveCollector Collected(params (string Name, Func<int, double> Value)[] metrics)
    {
        var run = new RunCurveCollector("run1", CurveAxis.Step, 64);
        for (var step = 0; step < 500; step++)
        {
            var values = metrics.ToDictionary(m => m.Name, m => m.Value(step));
            run.AddWithTimes(new HistoryRow(step, step * 0.5, 1_700_000_000 + step, values));
        }

        return run;
    }
}
