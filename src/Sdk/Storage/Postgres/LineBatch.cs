using System.Text;
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
            var row = parser.TryParse(lines[i]) ?? throw new IOException($"Line {firstSeq + i} of the spill folder's copy cannot be read back.");
            steps[i] = row.Step;
            timestamps[i] = row.Timestamp;
        }

        return new LineBatch(firstSeq, steps, timestamps, lines.ToArray());
    }
}
