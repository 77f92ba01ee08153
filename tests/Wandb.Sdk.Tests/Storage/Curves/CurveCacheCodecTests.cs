using Wandb.Grouping.Curves;
using Wandb.Storage;
using Wandb.Storage.Curves;

namespace Wandb.Sdk.Tests.Storage.Curves;

/// <summary>
/// A curve cache entry is decoded from its bytes: what is read back must be what was written, value for value (encoding
/// it again gives the same bytes), each coarser level must be exactly the run coarsened to its bound, and any entry cut
/// short, extended or made for another history is no entry.
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

        var decoded = Decode(bytes, Stamp, run.MaxBuckets);

        Assert.IsNotNull(decoded);
        Assert.AreEqual(run.MaxBuckets, decoded.MaxBuckets);
        CollectionAssert.AreEquivalent(run.Metrics.Keys.ToList(), decoded.Metrics.Keys.ToList());
        CollectionAssert.AreEqual(bytes, CurveCacheCodec.Encode(Stamp, decoded), "encoded again: the same bytes");
    }

    [TestMethod]
    public void A_page_asking_for_fewer_buckets_decodes_the_coarsest_level_that_has_them_which_is_the_run_coarsened_to_it()
    {
        var run = Collected(1_000, 5_000, ("loss", i => 1.0 / (i + 1)), ("accuracy", i => i % 13 == 0 ? double.NaN : i / 5_000.0));
        var bytes = CurveCacheCodec.Encode(Stamp, run);
        Assert.AreEqual(1_000, run.MaxBuckets, "encoding leaves the run as it was");

        // Levels of 1,000, 250, 62 and 15 buckets would be written; 15 is under the coarsest bound, so three.
        foreach (var (asked, level) in new[] { (1_000, 1_000), (251, 1_000), (250, 250), (147, 250), (63, 250), (62, 62), (24, 62), (1, 62) })
        {
            var decoded = Decode(bytes, Stamp, asked);
            Assert.IsNotNull(decoded, $"{asked} buckets asked");
            Assert.AreEqual(level, decoded.MaxBuckets, $"{asked} buckets asked: the level decoded");

            // What the page then does: coarsen to its count. The same buckets as coarsening the run itself to it.
            var expected = Collected(1_000, 5_000, ("loss", i => 1.0 / (i + 1)), ("accuracy", i => i % 13 == 0 ? double.NaN : i / 5_000.0));
            expected.FitWithin(asked);
            decoded.FitWithin(asked);
            Assert.AreEqual(Buckets(expected), Buckets(decoded), $"{asked} buckets asked: every bucket");
        }

        Assert.IsNull(Decode(bytes, Stamp, 1_001), "more buckets than the entry's finest level: no entry");
        var finest = run.Metrics.Values.Sum(m => 32L * m.Span);
        Assert.IsTrue(bytes.Length > finest && bytes.Length < finest * 1.4, $"{bytes.Length} bytes for {finest} of the finest level's buckets: the coarser levels add about a third");
    }

    [TestMethod]
    public void A_run_whose_curves_fit_a_coarser_level_unchanged_is_written_once_at_each_distinct_level()
    {
        // 100 steps: at 1,000 and at 250 buckets the same buckets; at 62 coarser.
        var run = Collected(1_000, 100, ("loss", i => 1.0 / (i + 1)));
        var bytes = CurveCacheCodec.Encode(Stamp, run);

        Assert.AreEqual(1_000, Decode(bytes, Stamp, 250)!.MaxBuckets, "250 asked: the finest level, which is the same buckets");
        Assert.AreEqual(62, Decode(bytes, Stamp, 30)!.MaxBuckets, "30 asked: the 62-bucket level");
    }

    [TestMethod]
    public void An_entry_whose_stamp_is_longer_than_the_first_bytes_read_reads_back()
    {
        // The stamp names every history file of the run: one resumed a few thousand times has a long one.
        var stamp = string.Join("|", Enumerable.Range(0, 3_000).Select(i => $"history-{i}.jsonl:48213:638680000000000000"));
        var run = Collected(1_000, 2_000, ("loss", i => 1.0 / (i + 1)));
        var bytes = CurveCacheCodec.Encode(stamp, run);
        Assert.IsGreaterThan(64 * 1024, stamp.Length);

        Assert.AreEqual(1_000, Decode(bytes, stamp, 1_000)!.MaxBuckets, "the finest level");
        Assert.AreEqual(250, Decode(bytes, stamp, 200)!.MaxBuckets, "a coarser level");
        Assert.IsNull(Decode(bytes, stamp + "x", 200), "another history's stamp");
    }

    [TestMethod]
    public void An_entry_cut_short_at_any_byte_extended_or_made_from_another_history_is_none()
    {
        var bytes = CurveCacheCodec.Encode(Stamp, Collected(("loss", i => 1.0 / (i + 1)), (new string('a', 200), i => i)));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.IsNull(Decode(bytes.Take(length).ToArray(), Stamp, 64), $"cut to {length} of {bytes.Length} bytes");
            Assert.IsNull(Decode(bytes.Take(length).ToArray(), Stamp, 16), $"cut to {length} of {bytes.Length} bytes, the coarse level asked");
        }

        Assert.IsNull(Decode(bytes.Concat(new byte[] { 0 }).ToArray(), Stamp, 64), "a byte past the end marker");
        Assert.IsNull(Decode(bytes, Stamp + "0", 64), "another history's stamp");
        Assert.IsNotNull(Decode(bytes, Stamp, 64), "the entry itself");
        Assert.AreEqual(16, Decode(bytes, Stamp, 16)!.MaxBuckets, "the entry's coarse level");
    }

    private static RunCurveCollector? Decode(byte[] bytes, string stamp, int buckets)
    {
        using var stream = new MemoryStream(bytes);
        return CurveCacheCodec.Decode(stream, "run1", stamp, CurveAxis.Step, buckets);
    }

    /// <summary>Every bucket of every curve of the run, as text.</summary>
    private static string Buckets(RunCurveCollector run) => string.Join("\n", run.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
    {
        var b = p.Value;
        var slots = Enumerable.Range(0, b.Span).Select(i => b.TryGet(i, out var last, out var seq, out var min, out var max) ? FormattableString.Invariant($"{seq}:{last:R}/{min:R}/{max:R}") : "-");
        return FormattableString.Invariant($"{p.Key} 2^{b.Exponent} from {b.First} x{b.Span} points {b.Points} non-finite {b.NonFinite}: {string.Join(" ", slots)}");
    }));

    private static RunCurveCollector Collected(params (string Name, Func<int, double> Value)[] metrics) => Collected(64, 500, metrics);

    private static RunCurveCollector Collected(int buckets, int steps, params (string Name, Func<int, double> Value)[] metrics)
    {
        var run = new RunCurveCollector("run1", CurveAxis.Step, buckets);
        for (var step = 0; step < steps; step++)
        {
            var values = metrics.ToDictionary(m => m.Name, m => m.Value(step));
            run.AddWithTimes(new HistoryRow(step, step * 0.5, 1_700_000_000 + step, values));
        }

        return run;
    }
}
