using System.Collections;
using Wandb.Runs;

namespace Wandb;

/// <summary>
/// A run's config: hyperparameters and settings, like W&amp;B's <c>run.config</c>. Values may be strings,
/// numbers, booleans, arrays and nested dictionaries (shown as <c>a.b</c> columns). Thread-safe.
/// </summary>
public sealed class RunConfig : IEnumerable<KeyValuePair<string, object?>>
{
    internal RunConfig()
    {
    }

    internal KeyedValues Values { get; } = new("config");

    /// <summary>Number of top-level keys.</summary>
    public int Count => Values.Count;

    /// <summary>Gets or sets a value; setting validates the key and the value's type.</summary>
    /// <exception cref="ArgumentException">The key is empty, starts with '_', or the value's type cannot be stored.</exception>
    public object? this[string key]
    {
        get => Values.Get(key);
        set => Values.Set(key, value);
    }

    /// <summary>Adds or replaces every entry of <paramref name="values"/>.</summary>
    public void Update(IEnumerable<KeyValuePair<string, object?>> values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        foreach (var pair in values)
        {
            this[pair.Key] = pair.Value;
        }
    }

    /// <summary>Returns whether the key exists, and its value.</summary>
    public bool TryGetValue(string key, out object? value) => Values.TryGet(key, out value);

    /// <summary>Removes a key.</summary>
    public bool Remove(string key) => Values.Remove(key);

    /// <summary>Adds a value; lets collection initialisers such as <c>Config = { { "lr", 0.1 } }</c> compile.</summary>
    public void Add(string key, object? value) => this[key] = value;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Values.Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
