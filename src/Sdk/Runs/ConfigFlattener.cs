namespace Wandb.Runs;

/// <summary>Flattens nested config into <c>a.b</c> column names, the form grouping and tables use.</summary>
internal static class ConfigFlattener
{
    public static IReadOnlyDictionary<string, object?> Flatten(IReadOnlyDictionary<string, object?> config)
    {
        // Reports flatten the config and summary of every run; most are flat already, and those are returned as
        // they are instead of copied (an ordinal dictionary, so lookups match the copy's).
        if (config is Dictionary<string, object?> flat && IsOrdinal(flat.Comparer) && !HasNested(flat))
        {
            return flat;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        Add(result, string.Empty, config);
        return result;
    }

    private static bool IsOrdinal(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default);

    private static bool HasNested(Dictionary<string, object?> values)
    {
        foreach (var value in values.Values)
        {
            if (value is IReadOnlyDictionary<string, object?> or Dictionary<string, object?>)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(Dictionary<string, object?> result, string prefix, IEnumerable<KeyValuePair<string, object?>> values)
    {
        foreach (var pair in values)
        {
            var name = prefix.Length == 0 ? pair.Key : prefix + "." + pair.Key;
            if (pair.Value is IReadOnlyDictionary<string, object?> nested)
            {
                Add(result, name, nested);
            }
            else if (pair.Value is Dictionary<string, object?> dict)
            {
                Add(result, name, dict);
            }
            else
            {
                result[name] = pair.Value;
            }
        }
    }
}
