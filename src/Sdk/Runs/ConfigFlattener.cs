namespace Wandb.Runs;

/// <summary>Flattens nested config into <c>a.b</c> column names, the form grouping and tables use.</summary>
internal static class ConfigFlattener
{
    public static Dictionary<string, object?> Flatten(IReadOnlyDictionary<string, object?> config)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        Add(result, string.Empty, config);
        return result;
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
