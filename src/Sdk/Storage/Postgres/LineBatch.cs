using System.Text;
using Wandb.Json;
using Wandb.Runs;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Postgres;

/// <summary>
/// Consecutive history rows of one writer as the database takes them: rows <see cref="FirstSeq"/>,
/// <see cref="FirstSeq"/>+1, ... with the step, timestamp and exact JSON line (without its newline) of each.
/// The same lines go to the spill folder's history file, so both copies are byte for byte the same.
/// </summary>
internal sealed class LineBatch
{
    private const string StepHead = "{\"" + JsonFields.Step + "\":";
    private const string RuntimeHead = ",\"" + JsonFields.Runtime + "\":";
    private const string TimestampHead = ",\"" + JsonFields.Timestamp + "\":";

    public LineBatch(long firstSeq, long[] steps, double[] timestamps, string[] lines)
    {
        FirstSeq = firstSeq;
        Steps = steps;
        Timestamps = timestamps;
        Lines = lines;
    }

    public long FirstSeq { get; }

    public int Count => Lines.Length;

    /// <summary>The seq after the last row.</summary>
    public long EndSeq => FirstSeq + Count;

    public long[] Steps { get; }

    public double[] Timestamps { get; }

    public string[] Lines { get; }

    public static LineBatch Encode(IReadOnlyList<PendingRow> rows, long firstSeq, HistoryLineWriter format, StringBuilder builder)
    {
        var steps = new long[rows.Count];
        var timestamps = new double[rows.Count];
        var lines = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            builder.Clear();
            format.Append(builder, rows[i]);
            steps[i] = rows[i].Step;
            timestamps[i] = Math.Round(rows[i].Timestamp, 6);
            lines[i] = builder.ToString(0, builder.Length - 1);
        }

        return new LineBatch(firstSeq, steps, timestamps, lines);
    }

    /// <summary>Lines read back from a history file; their step and timestamp come from the lines themselves.</summary>
    public static LineBatch Parse(long firstSeq, IReadOnlyList<string> lines, HistoryLineParser parser)
    {
        var steps = new long[lines.Count];
        var timestamps = new double[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!TryReadHead(lines[i], out steps[i], out timestamps[i]))
            {
                var row = parser.TryParse(lines[i]) ?? throw new IOException($"Row {firstSeq + i} of the spill folder's copy cannot be read back.");
                steps[i] = row.Step;
                timestamps[i] = row.Timestamp;
            }
        }

        return new LineBatch(firstSeq, steps, timestamps, lines.ToArray());
    }

    /// <summary>
    /// Reads the step and timestamp from the head every line of <see cref="HistoryLineWriter"/> starts with,
    /// <c>{"_step":3,"_runtime":1.5,"_timestamp":1764433739.25,</c>, without parsing the metrics: catching up
    /// after an outage reads millions of lines back.
    /// </summary>
    private static bool TryReadHead(string line, out long step, out double timestamp)
    {
        step = 0;
        timestamp = 0;
        var i = StepHead.Length;
        if (!line.StartsWith(StepHead, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = i;
        for (; i < line.Length && line[i] >= '0' && line[i] <= '9'; i++)
        {
            if (step > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            step = (step * 10) + (line[i] - '0');
        }

        if (i == digits || string.CompareOrdinal(line, i, RuntimeHead, 0, RuntimeHead.Length) != 0)
        {
            return false;
        }

        i = line.IndexOf(',', i + RuntimeHead.Length);
        if (i < 0 || string.CompareOrdinal(line, i, TimestampHead, 0, TimestampHead.Length) != 0)
        {
            return false;
        }

        var start = i + TimestampHead.Length;
        var end = start;
        while (end < line.Length && line[end] != ',' && line[end] != '}')
        {
            end++;
        }

        return DecimalParser.TryParse(line, start, end, out timestamp);
    }
}
