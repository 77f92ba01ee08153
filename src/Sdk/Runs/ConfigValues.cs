using System.Collections;
using System.Globalization;

namespace Wandb.Runs;

/// <summary>
/// Turns the values users put in config and summary into the few shapes the store keeps: null, bool,
/// long, double, string, lists and string-keyed dictionaries. Anything else is rejected with the key
/// and the type named, because silently storing <c>ToString()</c> output loses data.
/// </summary>
internal static class ConfigValues
{
    public static object? Normalize(object? value, string key) => Normalize(value, key, 0);

    public static void ValidateKey(string? key, string what)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key), $"A {what} key must not be null.");
        }

        if (key.Length == 0 || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"A {what} key must not be empty or blank (got '{key}').", nameof(key));
        }
    }

    private static object? Normalize(object? value, string key, int depth)
    {
        if (depth > 32)
        {
            throw new ArgumentException($"Config value '{key}' is nested more than 32 levels deep (is it cyclic?).", nameof(value));
        }

        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case bool b:
                return b;
            case double d:
                return d;
            case float f:
                return (double)f;
            case decimal m:
                return (double)m;
            case int or long or short or sbyte or byte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong ul:
                return ul <= long.MaxValue ? (object)(long)ul : (double)ul;
            case char c:
                return c.ToString();
            case Enum e:
                return e.ToString();
            case DateTime dt:
                return dt.ToString("O", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("O", CultureInfo.InvariantCulture);
            case TimeSpan ts:
                return ts.TotalSeconds;
            case Guid g:
                return g.ToString();
            case Uri u:
                return u.ToString();
            case IDictionary<string, object?> dict:
                return NormalizeDictionary(dict, key, depth);
            case IDictionary dictionary:
                return NormalizeLegacyDictionary(dictionary, key, depth);
            case IEnumerable sequence:
                return NormalizeList(sequence, key, depth);
            default:
                throw new ArgumentException(
                    $"Config value '{key}' has type {value.GetType().FullName}, which cannot be stored. Use a string, number, boolean, array or dictionary.",
                    nameof(value));
        }
    }

    private static Dictionary<string, object?> NormalizeDictionary(IDictionary<string, object?> dict, string key, int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in dict)
        {
            ValidateKey(pair.Key, "config");
            result[pair.Key] = Normalize(pair.Value, key + "." + pair.Key, depth + 1);
        }

        return result;
    }

    private static Dictionary<string, object?> NormalizeLegacyDictionary(IDictionary dictionary, string key, int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string childKey)
            {
                throw new ArgumentException($"Config value '{key}' is a dictionary whose key '{entry.Key}' is not a string.", nameof(dictionary));
            }

            ValidateKey(childKey, "config");
            result[childKey] = Normalize(entry.Value, key + "." + childKey, depth + 1);
        }

        return result;
    }

    private static List<object?> NormalizeList(IEnumerable sequence, string key, int depth)
    {
        var result = new List<object?>();
        var index = 0;
        foreach (var item in sequence)
        {
            result.Add(Normalize(item, $"{key}[{index}]", depth + 1));
            index++;
        }

        return result;
    }
}
