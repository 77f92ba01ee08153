namespace Wandb.Runs;

/// <summary>
/// A thread-safe dictionary of normalised values with a version number, shared by <see cref="RunConfig"/>
/// and <see cref="RunSummary"/>. The version lets the background writer tell cheaply whether anything changed.
/// </summary>
internal sealed class KeyedValues
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly string _what;

    public KeyedValues(string what) => _what = what;

    /// <summary>Increases on every change.</summary>
    public long Version { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    public object? Get(string key)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The {_what} has no key '{key}'.");
        }
    }

    public bool TryGet(string key, out object? value)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out value);
        }
    }

    public void Set(string key, object? value)
    {
        ValidateKey(key);
        var normalized = ConfigValues.Normalize(value, key);
        lock (_gate)
        {
            _values[key] = normalized;
            Version++;
        }
    }

    /// <summary>Stores a value that is already normalised (read back from the store), skipping validation.</summary>
    public void SetTrusted(string key, object? value)
    {
        lock (_gate)
        {
            _values[key] = value;
            Version++;
        }
    }

    public bool Remove(string key)
    {
        lock (_gate)
        {
            var removed = _values.Remove(key);
            if (removed)
            {
                Version++;
            }

            return removed;
        }
    }

    public Dictionary<string, object?> Snapshot(out long version)
    {
        lock (_gate)
        {
            version = Version;
            return new Dictionary<string, object?>(_values, StringComparer.Ordinal);
        }
    }

    public Dictionary<string, object?> Snapshot() => Snapshot(out _);

    private void ValidateKey(string key)
    {
        ConfigValues.ValidateKey(key, _what);
        ReservedKeys.Reject(key, _what);
    }
}
