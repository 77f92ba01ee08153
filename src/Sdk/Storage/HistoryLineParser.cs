using System.Globalization;
using System.Text;

namespace Wandb.Storage;

/// <summary>
/// Parses one history line written by <see cref="HistoryLineFormat"/>. Strict: anything that is not a
/// complete flat object with a <c>_step</c> is rejected, which is how a line torn by a crash is detected.
/// String values other than the non-finite markers and booleans or nulls are ignored, not failed on.
/// </summary>
internal sealed class HistoryLineParser
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly StringBuilder _scratch = new();

    public HistoryRow? TryParse(string line)
    {
        var i = 0;
        var n = line.Length;
        SkipWhite(line, ref i);
        if (i >= n || line[i] != '{')
        {
            return null;
        }

        i++;
        long? step = null;
        double runtime = 0;
        double timestamp = 0;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        SkipWhite(line, ref i);
        if (i < n && line[i] == '}')
        {
            return null;
        }

        while (true)
        {
            SkipWhite(line, ref i);
            var key = ReadString(line, ref i);
            if (key is null)
            {
                return null;
            }

            SkipWhite(line, ref i);
            if (i >= n || line[i] != ':')
            {
                return null;
            }

            i++;
            SkipWhite(line, ref i);
            if (i >= n)
            {
                return null;
            }

            double value;
            var hasValue = true;
            var c = line[i];
            if (c == '"')
            {
                var text = ReadString(line, ref i);
                switch (text)
                {
                    case null:
                        return null;
                    case "NaN":
                        value = double.NaN;
                        break;
                    case "Infinity":
                        value = double.PositiveInfinity;
                        break;
                    case "-Infinity":
                        value = double.NegativeInfinity;
                        break;
                    default:
                        value = 0;
                        hasValue = false;
                        break;
                }
            }
            else if (Matches(line, i, "true") || Matches(line, i, "null"))
            {
                i += 4;
                value = 0;
                hasValue = false;
            }
            else if (Matches(line, i, "false"))
            {
                i += 5;
                value = 0;
                hasValue = false;
            }
            else
            {
                var start = i;
                while (i < n && IsNumberChar(line[i]))
                {
                    i++;
                }

                if (i == start || !double.TryParse(line.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    return null;
                }
            }

            if (hasValue)
            {
                switch (key)
                {
                    case "_step":
                        if (value < 0 || value != Math.Floor(value))
                        {
                            return null;
                        }

                        step = (long)value;
                        break;
                    case "_runtime":
                        runtime = value;
                        break;
                    case "_timestamp":
                        timestamp = value;
                        break;
                    default:
                        values[key] = value;
                        break;
                }
            }

            SkipWhite(line, ref i);
            if (i >= n)
            {
                return null;
            }

            if (line[i] == ',')
            {
                i++;
                continue;
            }

            if (line[i] == '}')
            {
                i++;
                break;
            }

            return null;
        }

        SkipWhite(line, ref i);
        return i == n && step is not null ? new HistoryRow(step.Value, runtime, timestamp, values) : null;
    }

    private static bool IsNumberChar(char c) => (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';

    private static bool Matches(string line, int i, string word) => string.CompareOrdinal(line, i, word, 0, word.Length) == 0;

    private static void SkipWhite(string line, ref int i)
    {
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        {
            i++;
        }
    }

    private string? ReadString(string line, ref int i)
    {
        if (i >= line.Length || line[i] != '"')
        {
            return null;
        }

        var start = ++i;
        var hasEscape = false;
        while (i < line.Length && line[i] != '"')
        {
            if (line[i] == '\\')
            {
                hasEscape = true;
                i++;
            }

            i++;
        }

        if (i >= line.Length)
        {
            return null;
        }

        var end = i;
        i++;
        var raw = line.Substring(start, end - start);
        if (hasEscape)
        {
            raw = Unescape(raw);
            if (raw is null)
            {
                return null;
            }
        }

        // Keys repeat on every line; sharing one string per key keeps a long history small in memory.
        if (!_keys.TryGetValue(raw, out var shared))
        {
            shared = raw;
            if (_keys.Count < 10_000)
            {
                _keys[raw] = raw;
            }
        }

        return shared;
    }

    private string? Unescape(string raw)
    {
        var builder = _scratch.Clear();
        for (var j = 0; j < raw.Length; j++)
        {
            var c = raw[j];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (++j >= raw.Length)
            {
                return null;
            }

            switch (raw[j])
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (j + 4 >= raw.Length)
                    {
                        return null;
                    }

                    if (!int.TryParse(raw.Substring(j + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        return null;
                    }

                    builder.Append((char)code);
                    j += 4;
                    break;
                default:
                    return null;
            }
        }

        return builder.ToString();
    }
}
