using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// A <see cref="PageColumn"/> kept as the texts of all its encodings, so that runs added after it cost only their own
/// values: a read-ahead makes the columns of the runs a report will likely show (<see cref="PageRunsPrefix"/>), and the
/// report extends them with the runs of its build or test run (<see cref="After"/>) instead of hashing and writing the
/// values of 5,000 runs again. Written, it is what <see cref="PageColumn"/> writes of the same values, byte for byte: the
/// same distinct values in the order they first appear, the same choice of encoding.
/// </summary>
internal sealed class PageColumnText
{
    private readonly PageColumnText? _before;
    private readonly Dictionary<string, int> _distinct;
    private readonly StringBuilder _rows = new();
    private readonly StringBuilder _values = new();
    private readonly StringBuilder _distinctValues = new();
    private readonly StringBuilder _index = new();
    private readonly StringBuilder _repeat = new();

    /// <summary>The texts of <see cref="_before"/>'s encodings; made once, when a column is first extended.</summary>
    private string[]? _frozen;

    private int _count;
    private int _lastRow;
    private long _plainLength;
    private long _distinctLength;
    private long _perRow;

    /// <summary>The stretches of equal indexes closed so far: their length as <c>repeat</c> text (the open one is added when written).</summary>
    private long _closedRepeatLength;
    private int _stretchIndex = -1;
    private int _stretchLength;
    private string? _previousValue;
    private int _previousAt;

    public PageColumnText()
    {
        _distinct = new Dictionary<string, int>(StringComparer.Ordinal);
    }

    private PageColumnText(PageColumnText before)
    {
        if (before._frozen is null)
        {
            throw new InvalidOperationException("Only a frozen column is extended: its texts are shared by every column made after it.");
        }

        // The open stretch of equal indexes is carried over: a value equal to its last one continues it.
        _before = before;
        _distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        _count = before._count;
        _lastRow = before._lastRow;
        _plainLength = before._plainLength;
        _distinctLength = before._distinctLength;
        _perRow = before._perRow;
        _closedRepeatLength = before._closedRepeatLength;
        _stretchIndex = before._stretchIndex;
        _stretchLength = before._stretchLength;
        _previousValue = before._previousValue;
        _previousAt = before._previousAt;
    }

    /// <summary>How many runs have a value.</summary>
    public int Count => _count;

    /// <summary>
    /// A column holding <paramref name="before"/>'s values, to which more are added; <paramref name="before"/>, frozen, is
    /// left as it is (each report extends the read-ahead's columns anew).
    /// </summary>
    public static PageColumnText After(PageColumnText before) => new(before);

    /// <summary>Makes the texts of the values added so far, which the columns made <see cref="After"/> this one share; it takes no more values.</summary>
    public void Freeze()
    {
        if (_before is not null)
        {
            throw new InvalidOperationException("Only a column that extends none is frozen: its texts are all its values'.");
        }

        _frozen ??= new[] { _rows.ToString(), _values.ToString(), _distinctValues.ToString(), _index.ToString(), _repeat.ToString() };
    }

    /// <summary>Adds the value of run <paramref name="row"/> as JSON text; rows come in ascending order, after those of the column it extends.</summary>
    public void Add(int row, string json)
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException("A frozen column takes no more values: extend it with After.");
        }

        AppendNumber(_rows, row - _lastRow);
        _lastRow = row;
        Append(_values, json);
        _plainLength += json.Length + 1;

        // The same text as the value before is the same distinct value, without hashing it (as PageColumn does).
        int at;
        if (ReferenceEquals(json, _previousValue))
        {
            at = _previousAt;
        }
        else if (!TryFind(json, out at))
        {
            at = DistinctCount;
            _distinct.Add(json, at);
            Append(_distinctValues, json);
            _distinctLength += json.Length + 1;
        }

        _previousValue = json;
        _previousAt = at;
        AppendNumber(_index, at);
        _perRow += PageColumn.Digits(at) + 1;
        if (at == _stretchIndex)
        {
            _stretchLength++;
        }
        else
        {
            CloseStretch();
            _stretchIndex = at;
            _stretchLength = 1;
        }

        _count++;
    }

    /// <summary>Writes the column as <see cref="PageColumn.Write"/> writes the same values.</summary>
    /// <param name="json">The page's writer.</param>
    /// <param name="runCount">How many runs the page lists.</param>
    public void Write(JsonWriter json, int runCount)
    {
        json.WriteStartObject();
        if (_count != runCount)
        {
            WriteArray(json, "rows", 0, _rows);
        }

        var repeatLength = _closedRepeatLength + (_stretchLength > 0 ? PageColumn.Digits(_stretchIndex) + PageColumn.Digits(_stretchLength) + 2 : 0);
        if (_plainLength <= _distinctLength + Math.Min(_perRow, repeatLength))
        {
            WriteArray(json, "values", 1, _values);
        }
        else
        {
            WriteArray(json, "distinct", 2, _distinctValues);
            if (_perRow <= repeatLength)
            {
                WriteArray(json, "index", 3, _index);
            }
            else
            {
                json.WritePropertyName("repeat");
                json.WriteStartArray();
                json.WriteRaw(RepeatText());
                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }

    private int DistinctCount => (_before?.DistinctCount ?? 0) + _distinct.Count;

    private static void Append(StringBuilder text, string value)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(value);
    }

    private static void AppendNumber(StringBuilder text, int value)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private bool TryFind(string value, out int at) =>
        _distinct.TryGetValue(value, out at) || (_before is not null && _before.TryFind(value, out at));

    /// <summary>Closes the open stretch of equal indexes into the <c>repeat</c> text.</summary>
    private void CloseStretch()
    {
        if (_stretchLength == 0)
        {
            return;
        }

        AppendNumber(_repeat, _stretchIndex);
        AppendNumber(_repeat, _stretchLength);
        _closedRepeatLength += PageColumn.Digits(_stretchIndex) + PageColumn.Digits(_stretchLength) + 2;
        _stretchLength = 0;
    }

    /// <summary>The <c>repeat</c> text: the stretches closed before, those closed here, then the open one.</summary>
    private string RepeatText()
    {
        var text = new StringBuilder();
        if (_before is not null)
        {
            text.Append(_before._frozen![4]);
        }

        if (_repeat.Length > 0)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(_repeat);
        }

        if (_stretchLength > 0)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(_stretchIndex.ToString(CultureInfo.InvariantCulture)).Append(',').Append(_stretchLength.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>An array of the texts of the column extended (frozen part <paramref name="part"/>) and of this one's.</summary>
    private void WriteArray(JsonWriter json, string name, int part, StringBuilder own)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        var before = _before?._frozen![part] ?? string.Empty;
        json.WriteRaw(before);
        if (before.Length > 0 && own.Length > 0)
        {
            json.WriteRaw(",");
        }

        json.WriteRaw(own.ToString());
        json.WriteEndArray();
    }
}
