using System.Globalization;
using System.Text;
using Wandb.Json;
using Wandb.Runs;

namespace Wandb.Storage.Codec;

/// <summary>
/// Writes history rows as JSON lines: <c>{"_step":3,"_runtime":1.5,"_timestamp":1764433739.25,"loss":0.4}</c>.
/// Rows are flat and numeric, so a dedicated writer is several times faster than a general serializer;
/// non-finite values become the strings "NaN", "Infinity" and "-Infinity". <see cref="HistoryLineParser"/> reads them.
/// </summary>
internal sealed class HistoryLineWriter
{
    private const string StepStart = "{\"" + JsonFields.Step + "\":";
    private const string RuntimeStart = ",\"" + JsonFields.Runtime + "\":";
    private const string TimestampStart = ",\"" + JsonFields.Timestamp + "\":";
    private const string QuotedNaN = "\"" + JsonConventions.NaN + "\"";
    private const string QuotedPositiveInfinity = "\"" + JsonConventions.PositiveInfinity + "\"";
    private const string QuotedNegativeInfinity = "\"" + JsonConventions.NegativeInfinity + "\"";

    private readonly Dictionary<string, string> _quotedKeys = new(StringComparer.Ordinal);

    public void Append(StringBuilder builder, PendingRow row)
    {
        builder.Append(StepStart).Append(row.Step.ToString(CultureInfo.InvariantCulture));
        builder.Append(RuntimeStart);
        AppendNumber(builder, Math.Round(row.Runtime, 6));
        builder.Append(TimestampStart);
        AppendNumber(builder, Math.Round(row.Timestamp, 6));
        var keys = row.Keys;
        var values = row.Values;
        for (var i = 0; i < keys.Length; i++)
        {
            builder.Append(',').Append(QuotedKey(keys[i])).Append(':');
            AppendNumber(builder, values[i]);
        }

        builder.Append("}\n");
    }

    private static void AppendNumber(StringBuilder builder, double value)
    {
        if (double.IsNaN(value))
        {
            builder.Append(QuotedNaN);
        }
        else if (double.IsPositiveInfinity(value))
        {
            builder.Append(QuotedPositiveInfinity);
        }
        else if (double.IsNegativeInfinity(value))
        {
            builder.Append(QuotedNegativeInfinity);
        }
        else
        {
            builder.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    // The history's own escaping, not Newtonsoft's (which writes \b and \f and escapes U+0085): history
    // files keep the bytes they always had.
    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private string QuotedKey(string key)
    {
        if (!_quotedKeys.TryGetValue(key, out var quoted))
        {
            quoted = Quote(key);
            _quotedKeys[key] = quoted;
        }

        return quoted;
    }
}
