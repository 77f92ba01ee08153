using System.Globalization;
using System.Text;
using Wandb.Runs;

namespace Wandb.Storage.Codec;

/// <summary>
/// Writes history rows as JSON lines: <c>{"_step":3,"_runtime":1.5,"_timestamp":1764433739.25,"loss":0.4}</c>.
/// Rows are flat and numeric, so a dedicated writer is several times faster than a general serializer;
/// non-finite values become the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
internal sealed class HistoryLineFormat
{
    private readonly Dictionary<string, string> _quotedKeys = new(StringComparer.Ordinal);

    public void Append(StringBuilder builder, PendingRow row)
    {
        builder.Append("{\"_step\":").Append(row.Step.ToString(CultureInfo.InvariantCulture));
        builder.Append(",\"_runtime\":");
        AppendNumber(builder, Math.Round(row.Runtime, 6));
        builder.Append(",\"_timestamp\":");
        AppendNumber(builder, Math.Round(row.Timestamp, 6));
        var keys = row.Keys;
        var values = row.Values;
        for (var i = 0; i < keys.Length; i++)
        {
            builder.Append(',').Append(Quote(keys[i])).Append(':');
            AppendNumber(builder, values[i]);
        }

        builder.Append("}\n");
    }

    public static void AppendNumber(StringBuilder builder, double value)
    {
        if (double.IsNaN(value))
        {
            builder.Append("\"NaN\"");
        }
        else if (double.IsPositiveInfinity(value))
        {
            builder.Append("\"Infinity\"");
        }
        else if (double.IsNegativeInfinity(value))
        {
            builder.Append("\"-Infinity\"");
        }
        else
        {
            builder.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private string Quote(string key)
    {
        if (!_quotedKeys.TryGetValue(key, out var quoted))
        {
            quoted = JsonString.Quote(key);
            _quotedKeys[key] = quoted;
        }

        return quoted;
    }
}
