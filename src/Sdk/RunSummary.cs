using System.Collections;
using Wandb.Runs;

namespace Wandb;

/// <summary>
/// A run's summary, like W&amp;B's <c>run.summary</c>: by default the last logged value of every metric;
/// values set here override that (for example a best score). Thread-safe.
/// </summary>
public sealed class RunSummary : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Func<IReadOnlyDictionary<string, double>> _lastValues;

    internal RunSummary(Func<IReadOnlyDictionary<string, double>> lastValues) => _lastValues = lastValues;

    /// <summary>The values set explicitly, which win over last logged values.</summary>
    internal KeyedValues Overrides { get; } = new("summary");

    /// <summary>Gets the explicit value, else the last logged value; setting overrides it.</summary>
    /// <exception cref="KeyNotFoundException">Nothing was logged or set under the key.</exception>
    /// <exception cref="ArgumentException">Setting: the key is empty or starts with '_' (reserved, as for metrics and config), or the value's type cannot be stored.</exception>
    public object? this[string key]
    {
        get
        {
            if (Overrides.TryGet(key, out var value))
            {
                return value;
            }

            return _lastValues().TryGetValue(key, out var last) ? last : throw new KeyNotFoundException($"The summary has no key '{key}'.");
        }
        set => Overrides.Set(key, value);
    }

    /// <summary>Returns whether the key exists, and its value.</summary>
    public bool TryGetValue(string key, out object? value)
    {
        if (Overrides.TryGet(key, out value))
        {
            return true;
        }

        if (_lastValues().TryGetValue(key, out var last))
        {
            value = last;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Adds or replaces an explicit value; lets collection initialisers compile.</summary>
    public void Add(string key, object? value) => this[key] = value;

    /// <summary>The merged summary: last logged values overlaid with explicit ones.</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in _lastValues())
        {
            result[pair.Key] = pair.Value;
        }

        foreach (var pair in Overrides.Snapshot())
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ToDictionary().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
