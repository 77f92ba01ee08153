using System.Buffers.Binary;
using System.Text;
using Wandb.Grouping.Curves;
using Wandb.Polyfills;

namespace Wandb.Storage.Curves;

/// <summary>
/// The binary form of one cached run's buckets (docs/store-format.md, "The curve cache"): a header (magic, version, the
/// history stamp, the axis and a table of levels), then the run's buckets at each level's bucket bound, coarsest first,
/// and an end marker. A level holds per metric its grid position, counts and every slot's sequence number, last value,
/// min and max. A reader decodes only the coarsest level that still has the buckets its page asks for: a page of 1,000
/// runs charts about 150 buckets a curve, and decoding each run at the cache's 1,000 read six times the bytes it used.
/// A file whose length is not the one its header adds up to (torn, cut, extended or foreign) is no entry.
/// </summary>
internal static class CurveCacheCodec
{
    public const int Version = 2;

    /// <summary>Each level's bound is this fraction of the one before: an entry takes about a third more than its finest level.</summary>
    private const int LevelFactor = 4;

    /// <summary>No level below this bound: the page charts at least 24 buckets a curve (<see cref="Reports.Html.HtmlReportOptions.MinBuckets"/>).</summary>
    private const int CoarsestBound = 16;

    /// <summary>The bytes read first: the header and, coarsest first, the small levels a large page decodes.</summary>
    private const int HeadBytes = 64 * 1024;

    private const uint Magic = 0x43425757;   // "WWBC"
    private const uint EndMarker = 0x444E4557;

    /// <summary>Larger than any entry this codec writes (a run of 1,000 buckets of a thousand metrics is 43 MB): a bigger file is no entry.</summary>
    private const long MaxEntryBytes = 256L * 1024 * 1024;

    /// <summary>The entry of <paramref name="run"/>, which is left as it is: its own bound, then every coarser level that differs from it.</summary>
    public static byte[] Encode(string stamp, RunCurveCollector run)
    {
        var levels = new List<(int Bound, byte[] Body)> { (run.MaxBuckets, EncodeBody(run)) };
        RunCurveCollector? coarser = null;
        for (var bound = run.MaxBuckets / LevelFactor; bound >= CoarsestBound; bound /= LevelFactor)
        {
            var current = coarser ?? run;
            if (current.Metrics.Values.All(m => m.Span <= bound))
            {
                // Coarsening would change nothing: a reader asking for this bound decodes the finer level, which is the same.
                continue;
            }

            // A copy to coarsen, so the run passed in keeps its buckets.
            coarser ??= DecodeBody(new CurveEntryReader(levels[0].Body), run.RunId, run.Axis, run.MaxBuckets);
            coarser.FitWithin(bound);
            levels.Add((bound, EncodeBody(coarser)));
        }

        levels.Reverse();

        // Sized for the bodies up front: grown by doubling, the stream made about twice the entry in arrays it threw away.
        using var bytes = new MemoryStream(levels.Sum(l => l.Body.Length) + (Encoding.UTF8.GetMaxByteCount(stamp.Length + run.Axis.Name.Length) + 64 + (levels.Count * 12)));
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(stamp);
            writer.Write(run.Axis.Name);
            writer.Write(levels.Count);
            foreach (var (bound, body) in levels)
            {
                writer.Write(bound);
                writer.Write((long)body.Length);
            }

            foreach (var (_, body) in levels)
            {
                writer.Write(body);
            }

            writer.Write(EndMarker);
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// The run in <paramref name="entry"/> (a seekable stream) when it was made from the history with <paramref name="stamp"/>
    /// on <paramref name="axis"/> with at least <paramref name="buckets"/> buckets a curve: the coarsest such level, whose
    /// <see cref="RunCurveCollector.MaxBuckets"/> is its bound. Null when no level has that many, or as for a torn or unknown file.
    /// </summary>
    public static RunCurveCollector? Decode(Stream entry, string runId, string stamp, CurveAxis axis, int buckets)
    {
        try
        {
            var length = entry.Length;
            if (length > MaxEntryBytes)
            {
                return null;
            }

            var head = ReadAt(entry, 0, (int)Math.Min(length, HeadBytes));
            if (head is null)
            {
                return null;
            }

            (string Stamp, string Axis, List<(int Bound, long Length)> Levels, long BodiesStart)? header;
            try
            {
                header = ReadHeader(head);
            }
            catch (EndOfStreamException) when (head.Length < length)
            {
                // A stamp of a run resumed a thousand times: the header alone is longer than the head.
                head = ReadAt(entry, 0, (int)length);
                header = head is null ? null : ReadHeader(head);
            }

            if (head is null || header is not { } found || found.Stamp != stamp || found.Axis != axis.Name)
            {
                return null;
            }

            var (_, _, levels, bodiesStart) = found;
            var end = bodiesStart + levels.Sum(l => l.Length);
            if (end + 4 != length)
            {
                return null;
            }

            // The coarsest level with enough buckets; levels are written coarsest first, so a page's is mostly in the head.
            var offset = bodiesStart;
            foreach (var (bound, bodyLength) in levels)
            {
                if (bound < buckets)
                {
                    offset += bodyLength;
                    continue;
                }

                var markerInHead = end + 4 <= head.Length;
                var marker = markerInHead ? head : ReadAt(entry, end, 4);
                var bodyInHead = offset + bodyLength <= head.Length;
                var body = bodyInHead ? head : ReadAt(entry, offset, (int)bodyLength);
                if (marker is null || body is null || BinaryPrimitives.ReadUInt32LittleEndian(marker.AsSpan(markerInHead ? (int)end : 0, 4)) != EndMarker)
                {
                    return null;
                }

                var reader = new CurveEntryReader(body, bodyInHead ? (int)offset : 0, (int)bodyLength);
                var run = DecodeBody(reader, runId, axis, bound);
                return reader.Position == reader.Length ? run : null;
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the header from the first bytes of an entry: null when it is not an entry of this version or its table of
    /// levels is not one this codec writes; throws <see cref="EndOfStreamException"/> when the bytes end inside it.
    /// </summary>
    private static (string Stamp, string Axis, List<(int Bound, long Length)> Levels, long BodiesStart)? ReadHeader(byte[] head)
    {
        var reader = new CurveEntryReader(head);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != Version)
        {
            return null;
        }

        var stamp = reader.ReadString();
        var axis = reader.ReadString();
        var count = reader.ReadInt32();
        if (count < 1 || count > 32)
        {
            return null;
        }

        var levels = new List<(int Bound, long Length)>(count);
        for (var i = 0; i < count; i++)
        {
            var bound = reader.ReadInt32();
            var length = reader.ReadInt64();
            if (bound < 1 || length < 0 || length > MaxEntryBytes || (levels.Count > 0 && bound <= levels[levels.Count - 1].Bound))
            {
                return null;
            }

            levels.Add((bound, length));
        }

        return (stamp, axis, levels, reader.Position);
    }

    private static byte[] EncodeBody(RunCurveCollector run)
    {
        // Each bucket is 32 bytes; a metric's name and counts at most a few dozen more.
        using var bytes = new MemoryStream(12 + run.Metrics.Sum(m => Encoding.UTF8.GetMaxByteCount(m.Key.Length) + 37 + (m.Value.Span * 32)));
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(run.RowsWithoutX);
            writer.Write(run.Metrics.Count);
            foreach (var pair in run.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var buckets = pair.Value;
                writer.Write(pair.Key);
                writer.Write(buckets.Exponent);
                writer.Write(buckets.First);
                writer.Write(buckets.Span);
                writer.Write(buckets.Points);
                writer.Write(buckets.NonFinite);
                for (var i = 0; i < buckets.Span; i++)
                {
                    buckets.TryGet(i, out var last, out var seq, out var min, out var max);
                    writer.Write(seq);
                    writer.Write(last);
                    writer.Write(min);
                    writer.Write(max);
                }
            }
        }

        return bytes.ToArray();
    }

    private static RunCurveCollector DecodeBody(CurveEntryReader reader, string runId, CurveAxis axis, int maxBuckets)
    {
        var rowsWithoutX = reader.ReadInt64();
        var count = reader.ReadInt32();
        var metrics = new List<KeyValuePair<string, RunMetricBuckets>>(Math.Max(0, Math.Min(count, 4096)));
        for (var m = 0; m < count; m++)
        {
            var name = reader.ReadString();
            var exponent = reader.ReadInt32();
            var first = reader.ReadInt64();
            var span = reader.ReadInt32();
            var points = reader.ReadInt64();
            var nonFinite = reader.ReadInt64();
            if (span < 0 || span > maxBuckets || (long)span * 32 > reader.Length - reader.Position)
            {
                throw new FormatException("A curve in the curve cache entry has more buckets than its level or its bytes hold.");
            }

            var seqs = new long[span];
            var lasts = new double[span];
            var mins = new double[span];
            var maxes = new double[span];
            for (var i = 0; i < span; i++)
            {
                seqs[i] = reader.ReadInt64();
                lasts[i] = reader.ReadDouble();
                mins[i] = reader.ReadDouble();
                maxes[i] = reader.ReadDouble();
            }

            metrics.Add(new(name, new RunMetricBuckets(exponent, maxBuckets, first, points, nonFinite, lasts, seqs, mins, maxes)));
        }

        return new RunCurveCollector(runId, axis, maxBuckets, rowsWithoutX, metrics);
    }

    /// <summary><paramref name="count"/> bytes of the entry from <paramref name="offset"/>, or null when it ends before.</summary>
    private static byte[]? ReadAt(Stream entry, long offset, int count)
    {
        var bytes = new byte[count];
        entry.Position = offset;
        return entry.ReadFully(bytes) < count ? null : bytes;
    }
}
