using System.Text;
using Wandb.Grouping.Curves;
using Wandb.Polyfills;

namespace Wandb.Storage.Curves;

/// <summary>
/// The binary form of one cached run's buckets (docs/store-format.md, "The curve cache"): a header (magic, version,
/// the history stamp, the axis and the bucket bound), then per metric its grid position, counts and every slot's
/// sequence number, last value, min and max, and an end marker, so a torn or foreign file is read as no entry.
/// </summary>
internal static class CurveCacheCodec
{
    public const int Version = 1;

    private const uint Magic = 0x43425757;   // "WWBC"
    private const uint EndMarker = 0x444E4557;

    /// <summary>Larger than any entry this codec writes (a run of 1,000 buckets of a thousand metrics is 32 MB): a bigger file is no entry.</summary>
    private const long MaxEntryBytes = 256L * 1024 * 1024;

    public static byte[] Encode(string stamp, RunCurveCollector run)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(stamp);
            writer.Write(run.Axis.Name);
            writer.Write(run.MaxBuckets);
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

            writer.Write(EndMarker);
        }

        return bytes.ToArray();
    }

    /// <summary>The run in <paramref name="entry"/> (a seekable stream, read to its end) when it was made from the history with <paramref name="stamp"/> on <paramref name="axis"/>; else null, as for a torn or unknown file.</summary>
    public static RunCurveCollector? Decode(Stream entry, string runId, string stamp, CurveAxis axis)
    {
        byte[] bytes;
        try
        {
            // One read of the whole entry (tens of kilobytes per run), then decoding from memory.
            var length = entry.Length;
            if (length > MaxEntryBytes)
            {
                return null;
            }

            bytes = new byte[length];
            if (entry.ReadFully(bytes) < bytes.Length)
            {
                return null;
            }
        }
        catch (IOException)
        {
            return null;
        }

        return Decode(bytes, runId, stamp, axis);
    }

    /// <summary>The run in <paramref name="entry"/>, a whole entry's bytes, as <see cref="Decode(Stream, string, string, CurveAxis)"/> reads it.</summary>
    private static RunCurveCollector? Decode(byte[] entry, string runId, string stamp, CurveAxis axis)
    {
        try
        {
            var reader = new CurveEntryReader(entry);
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() != Version || reader.ReadString() != stamp || reader.ReadString() != axis.Name)
            {
                return null;
            }

            var maxBuckets = reader.ReadInt32();
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
                    return null;
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

            return reader.ReadUInt32() == EndMarker && reader.Position == reader.Length
                ? new RunCurveCollector(runId, axis, maxBuckets, rowsWithoutX, metrics)
                : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
