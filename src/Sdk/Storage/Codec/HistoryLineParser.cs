using System.Globalization;
using System.Text;
using Wandb.Json;

namespace Wandb.Storage.Codec;

/// <summary>
/// Parses one history line written by <see cref="HistoryLineWriter"/>. Strict: anything that is not a
/// complete flat object with a <c>_step</c> is rejected, which is how a line torn by a crash is detected.
/// String values other than the non-finite markers and booleans or nulls are ignored, not failed on.
/// </summary>
internal sealed class HistoryLineParser
{
    private readonly HistoryKeyTable _keys = new();
    private readonly StringBuilder _scratch = new();
    private readonly Dictionary<string, int> _wideRow = new(StringComparer.Ordinal);
    private string[] _rowKeys = new string[HistoryValues.LinearLimit];
    private double[] _rowValues = new double[HistoryValues.LinearLimit];
    private int _rowCount;

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
        _rowCount = 0;
        _wideRow.Clear();
        SkipWhite(line, ref i);
        if (i < n && line[i] == '}')
        {
            return null;
        }

        while (true)
        {
            SkipWhite(line, ref i);
            var key = ReadKey(line, ref i);
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
            var numberStart = -1;
            var c = line[i];
            if (c == '"')
            {
                switch (ReadStringValue(line, ref i))
                {
                    case StringValue.Invalid:
                        return null;
                    case StringValue.NaN:
                        value = double.NaN;
                        break;
                    case StringValue.PositiveInfinity:
                        value = double.PositiveInfinity;
                        break;
                    case StringValue.NegativeInfinity:
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
                numberStart = i;
                while (i < n && IsNumberChar(line[i]))
                {
                    i++;
                }

                if (i == numberStart || !DecimalParser.TryParse(line, numberStart, i, out value))
                {
                    return null;
                }
            }

            if (hasValue)
            {
                switch (key)
                {
                    case JsonFields.Step:
                        if (value < 0 || value != Math.Floor(value))
                        {
                            return null;
                        }

                        // A double holds integers exactly only up to 2^53: larger steps are read from their digits.
                        step = value < 9007199254740992 ? (long)value : numberStart < 0 ? null : ExactStep(line, numberStart, i);
                        if (step is null)
                        {
                            return null;
                        }

                        break;
                    case JsonFields.Runtime:
                        runtime = value;
                        break;
                    case JsonFields.Timestamp:
                        timestamp = value;
                        break;
                    default:
                        SetValue(key, value);
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
        return i == n && step is not null ? new HistoryRow(step.Value, runtime, timestamp, HistoryValues.Create(_rowKeys, _rowValues, _rowCount)) : null;
    }

    private static long? ExactStep(string line, int start, int end)
    {
        long step = 0;
        for (var i = start; i < end; i++)
        {
            var digit = line[i] - '0';
            if (digit is < 0 or > 9 || step > (long.MaxValue - digit) / 10)
            {
                return null;
            }

            step = (step * 10) + digit;
        }

        return step;
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

    private void SetValue(string key, double value)
    {
        // A repeated key keeps its first position and takes the last value, as a dictionary's indexer would.
        // Duplicates are found the way the finished row searches: linearly up to HistoryValues.LinearLimit
        // keys, then through an index built once, when the row outgrows it.
        if (_rowCount <= HistoryValues.LinearLimit)
        {
            for (var k = 0; k < _rowCount; k++)
            {
                if (ReferenceEquals(_rowKeys[k], key) || string.Equals(_rowKeys[k], key, StringComparison.Ordinal))
                {
                    _rowValues[k] = value;
                    return;
                }
            }

            if (_rowCount == HistoryValues.LinearLimit)
            {
                for (var k = 0; k < _rowCount; k++)
                {
                    _wideRow[_rowKeys[k]] = k;
                }
            }
        }
        else if (_wideRow.TryGetValue(key, out var existing))
        {
            _rowValues[existing] = value;
            return;
        }

        if (_rowCount == _rowKeys.Length)
        {
            Array.Resize(ref _rowKeys, _rowCount * 2);
            Array.Resize(ref _rowValues, _rowCount * 2);
        }

        if (_rowCount >= HistoryValues.LinearLimit)
        {
            _wideRow[key] = _rowCount;
        }

        _rowKeys[_rowCount] = key;
        _rowValues[_rowCount] = value;
        _rowCount++;
    }

    /// <summary>Reads a quoted string at <paramref name="i"/>: start (after the quote), end (at the closing quote), whether it holds escapes; false when unterminated.</summary>
    private static bool ScanString(string line, ref int i, out int start, out int end, out bool hasEscape)
    {
        start = end = 0;
        hasEscape = false;
        if (i >= line.Length || line[i] != '"')
        {
            return false;
        }

        start = ++i;
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
            return false;
        }

        end = i;
        i++;
        return true;
    }

    private string? ReadKey(string line, ref int i)
    {
        if (!ScanString(line, ref i, out var start, out var end, out var hasEscape))
        {
            return null;
        }

        if (!hasEscape)
        {
            return _keys.GetOrAdd(line, start, end - start);
        }

        var raw = Unescape(line.Substring(start, end - start));
        return raw is null ? null : _keys.GetOrAdd(raw);
    }

    private StringValue ReadStringValue(string line, ref int i)
    {
        if (!ScanString(line, ref i, out var start, out var end, out var hasEscape))
        {
            return StringValue.Invalid;
        }

        var length = end - start;
        if (hasEscape)
        {
            // Rare: unescape to validate the string and compare what it says.
            var text = Unescape(line.Substring(start, length));
            return text switch
            {
                null => StringValue.Invalid,
                JsonConventions.NaN => StringValue.NaN,
                JsonConventions.PositiveInfinity => StringValue.PositiveInfinity,
                JsonConventions.NegativeInfinity => StringValue.NegativeInfinity,
                _ => StringValue.Other,
            };
        }

        return Spells(line, start, length, JsonConventions.NaN) ? StringValue.NaN
            : Spells(line, start, length, JsonConventions.PositiveInfinity) ? StringValue.PositiveInfinity
            : Spells(line, start, length, JsonConventions.NegativeInfinity) ? StringValue.NegativeInfinity
            : StringValue.Other;
    }

    private static bool Spells(string line, int start, int length, string word) =>
        length == word.Length && string.CompareOrdinal(line, start, word, 0, length) == 0;

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

    private enum StringValue
    {
        Invalid,
        Other,
        NaN,
        PositiveInfinity,
        NegativeInfinity,
    }
}
