using System.Globalization;
using Newtonsoft.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// One per-run field of the page data, written by column (docs/html-report.md, "Data contract"): the runs
/// that have a value (all of them, or a delta-coded list), and their values either as they are or as
/// distinct values with an index per run, or per stretch of runs in a row, whichever is the shortest text.
/// At 100,000 runs a field name or a group name repeated per run would outweigh the values themselves.
/// </summary>
internal sealed class PageColumn
{
    /// <summary>The texts of the numbers most arrays hold (deltas of 1, indexes of a few distinct values, short stretches).</summary>
    private static readonly string[] SmallNumbers = Enumerable.Range(0, 1024).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly List<string> _values;

    /// <summary>The runs that have a value, once one before them has none; until then they are 0, 1, 2, … and not listed.</summary>
    private List<int>? _rows;

    public PageColumn()
        : this(new List<string>())
    {
    }

    /// <param name="values">An empty list the column's values go into: one the column owns, or one it shares with columns written before it is made (<see cref="PageColumnScratch.Values"/>).</param>
    public PageColumn(List<string> values) => _values = values;

    /// <summary>Adds the value of run <paramref name="row"/> as JSON text; rows come in ascending order.</summary>
    public void Add(int row, string json)
    {
        if (_rows is null && row != _values.Count)
        {
            _rows = new List<int>(Enumerable.Range(0, _values.Count));
        }

        _rows?.Add(row);
        _values.Add(json);
    }

    /// <param name="json">The page's writer.</param>
    /// <param name="runCount">How many runs the page lists.</param>
    /// <param name="scratch">What the column's encoding is worked out in, shared by the columns of one page (its memory is reused).</param>
    public void Write(JsonWriter json, int runCount, PageColumnScratch scratch)
    {
        json.WriteStartObject();
        var rowCount = _values.Count;
        if (rowCount != runCount)
        {
            json.WritePropertyName("rows");
            json.WriteStartArray();
            var previous = 0;
            for (var i = 0; i < rowCount; i++)
            {
                var row = _rows?[i] ?? i;
                WriteNumber(json, i, row - previous);
                previous = row;
            }

            json.WriteEndArray();
        }

        var distinct = scratch.Distinct();
        var index = scratch.Index(_values.Count);
        var distinctLength = 0;
        var plainLength = 0;
        var perRow = 0;
        var repeatLength = 0;
        // A run's cells share their texts with its neighbours' where the values are equal (PageRunCells makes them in
        // ranges, one text per value): the same text as the value before is the same distinct value, without hashing it.
        string? previousValue = null;
        var previousAt = 0;
        for (var i = 0; i < _values.Count; i++)
        {
            var value = _values[i];
            int at;
            if (ReferenceEquals(value, previousValue))
            {
                at = previousAt;
            }
            else if (!distinct.TryGetValue(value, out at))
            {
                distinct[value] = at = distinct.Count;
                distinctLength += value.Length + 1;
            }

            previousValue = value;
            previousAt = at;
            index[i] = at;
            plainLength += value.Length + 1;
            perRow += Digits(at) + 1;
        }

        // A stretch of equal indexes is written once, as the index and its length.
        for (var i = 0; i < rowCount;)
        {
            var length = StretchLength(index, rowCount, i, index[i]);
            repeatLength += Digits(index[i]) + Digits(length) + 2;
            i += length;
        }

        if (plainLength <= distinctLength + Math.Min(perRow, repeatLength))
        {
            WriteTexts(json, "values", _values);
        }
        else
        {
            WriteTexts(json, "distinct", distinct.Keys);
            if (perRow <= repeatLength)
            {
                json.WritePropertyName("index");
                json.WriteStartArray();
                for (var i = 0; i < rowCount; i++)
                {
                    WriteNumber(json, i, index[i]);
                }

                json.WriteEndArray();
            }
            else
            {
                WriteRepeats(json, index, rowCount);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// An array of JSON texts, written raw between the writer's own brackets: a column of 5,000 runs went through the
    /// writer's bookkeeping value by value, and put together as one text it was two large strings per column.
    /// </summary>
    private static void WriteTexts(JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                json.WriteRaw(",");
            }

            json.WriteRaw(value);
            first = false;
        }

        json.WriteEndArray();
    }

    /// <summary>Each stretch of equal indexes as the index, then how many runs in a row have it.</summary>
    private static void WriteRepeats(JsonWriter json, int[] index, int count)
    {
        json.WritePropertyName("repeat");
        json.WriteStartArray();
        var written = 0;
        for (var i = 0; i < count;)
        {
            var length = StretchLength(index, count, i, index[i]);
            WriteNumber(json, written++, index[i]);
            WriteNumber(json, written++, length);
            i += length;
        }

        json.WriteEndArray();
    }

    /// <summary>How many indexes from <paramref name="start"/> on (of the first <paramref name="count"/>) equal <paramref name="value"/>.</summary>
    private static int StretchLength(int[] index, int count, int start, int value)
    {
        var end = start + 1;
        while (end < count && index[end] == value)
        {
            end++;
        }

        return end - start;
    }

    /// <summary>A non-negative number of an array written raw, after a comma unless it is the array's first.</summary>
    private static void WriteNumber(JsonWriter json, int position, int value)
    {
        if (position > 0)
        {
            json.WriteRaw(",");
        }

        json.WriteRaw(value < SmallNumbers.Length ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The length of a non-negative number's text, counted rather than formatted: it is asked for every run of every column.</summary>
    internal static int Digits(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
