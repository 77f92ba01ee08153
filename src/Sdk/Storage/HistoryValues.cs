using System.Collections;

namespace Wandb.Storage;

/// <summary>
/// The metrics of one history row: parallel arrays sized to the row, searched linearly. A row holds a
/// handful of metrics, where a linear search beats hashing and one small object beats a dictionary's three;
/// rows with many metrics switch to a dictionary. Enumerates in first-seen order; a repeated key keeps its
/// position and takes the last value, as a dictionary's indexer does.
/// </summary>
internal sealed class HistoryValues : IReadOnlyDictionary<string, double>
{
    /// <summary>Rows with at most this many metrics are searched linearly; larger ones get a dictionary (the parser finds duplicate keys the same way).</summary>
    public const int LinearLimit = 16;

    private readonly string[] _keys;
    private readonly double[] _values;
    private readonly Dictionary<string, int>? _index;

    private HistoryValues(string[] keys, double[] values, Dictionary<string, int>? index)
    {
        _keys = keys;
        _values = values;
        _index = index;
    }

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<double> Values => _values;

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The history row has no metric '{key}'.");

    /// <summary>Freezes the first <paramref name="count"/> pairs of the builder's buffers (keys distinct) into a row.</summary>
    public static HistoryValues Create(string[] keys, double[] values, int count)
    {
        var ownKeys = new string[count];
        var ownValues = new double[count];
        Array.Copy(keys, ownKeys, count);
        Array.Copy(values, ownValues, count);
        Dictionary<string, int>? index = null;
        if (count > LinearLimit)
        {
            index = new Dictionary<string, int>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                index[ownKeys[i]] = i;
            }
        }

        return new HistoryValues(ownKeys, ownValues, index);
    }

    /// <summary>The key at <paramref name="index"/> (0 to Count-1), for loops that avoid an enumerator per row.</summary>
    public string KeyAt(int index) => _keys[index];

    /// <summary>The value at <paramref name="index"/>.</summary>
    public double ValueAt(int index) => _values[index];

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out double value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : 0;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, double>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var found) ? found : -1;
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            // Keys come interned from one parser, so a reference match is the common, cheapest case.
            if (ReferenceEquals(_keys[i], key) || string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
