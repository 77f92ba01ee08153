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
    private readonly List<int> _rows = new();
    private readonly List<string> _values = new();

    /// <summary>Adds the value of run <paramref name="row"/> as JSON text; rows come in ascending order.</summary>
    public void Add(int row, string json)
    {
        _rows.Add(row);
        _values.Add(json);
    }

    public void Write(JsonWriter json, int runCount)
    {
        json.WriteStartObject();
        if (_rows.Count != runCount)
        {
            var deltas = new int[_rows.Count];
            var previous = 0;
            for (var i = 0; i < deltas.Length; i++)
            {
                deltas[i] = _rows[i] - previous;
                previous = _rows[i];
            }

            WriteRaw(json, "rows", deltas.Select(Text));
        }

        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new int[_values.Count];
        var distinctLength = 0;
        for (var i = 0; i < _values.Count; i++)
        {
            if (!distinct.TryGetValue(_values[i], out var at))
            {
                distinct[_values[i]] = at = distinct.Count;
                distinctLength += _values[i].Length + 1;
            }

            index[i] = at;
        }

        var plainLength = _values.Sum(v => v.Length + 1);
        var perRow = index.Sum(i => Digits(i) + 1);
        var repeats = Repeats(index);
        var repeatLength = repeats.Sum(r => Digits(r.Index) + Digits(r.Count) + 2);
        if (plainLength <= distinctLength + Math.Min(perRow, repeatLength))
        {
            WriteRaw(json, "values", _values);
        }
        else
        {
            WriteRaw(json, "distinct", distinct.Keys);
            if (perRow <= repeatLength)
            {
                WriteRaw(json, "index", index.Select(Text));
            }
            else
            {
                WriteRaw(json, "repeat", repeats.SelectMany(r => new[] { Text(r.Index), Text(r.Count) }));
            }
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// An array of JSON texts, put together as one text and written as one raw value: a column of 5,000 runs went through
    /// the writer's bookkeeping value by value, on every refresh for every column.
    /// </summary>
    private static void WriteRaw(JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WritePropertyName(name);
        json.WriteRawValue("[" + string.Join(",", values) + "]");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<(int Index, int Count)> Repeats(int[] index)
    {
        var repeats = new List<(int Index, int Count)>();
        for (var i = 0; i < index.Length;)
        {
            var j = i;
            while (j < index.Length && index[j] == index[i])
            {
                j++;
            }

            repeats.Add((index[i], j - i));
            i = j;
        }

        return repeats;
    }

    /// <summary>The length of a non-negative number's text, counted rather than formatted: it is asked for every run of every column.</summary>
    private static int Digits(int value)
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
