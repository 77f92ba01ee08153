using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Polyfills;

namespace Wandb.Json;

/// <summary>
/// Writes the plain values config and summary hold (null, bool, numbers, strings, string-keyed
/// dictionaries, lists) straight to a <see cref="JsonWriter"/>, the same way in the store's writer states,
/// runs.json and the page data. Non-finite numbers follow the writer's FloatFormatHandling: the
/// <see cref="JsonConventions"/> markers, so readers (and the page) count them instead of averaging them.
/// </summary>
internal static class PlainValueWriter
{
    private const int MaxDepth = 64;

    // vstest.console loads its own Newtonsoft.Json 13.0.3 into the logger's process, which lacks the
    // converter-less WriteTo overload of 13.0.4: always call the params overload both versions have.
    private static readonly JsonConverter[] NoConverters = Array.Empty<JsonConverter>();

    public static void Write(JsonWriter json, object? value) => Write(json, value, 0);

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static void Write(JsonWriter json, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            // Config values are normalised with a depth limit of their own; this only guards a cycle.
            json.WriteNull();
            return;
        }

        switch (value)
        {
            case null:
                json.WriteNull();
                break;
            case string s:
                json.WriteValue(s);
                break;
            case bool b:
                json.WriteValue(b);
                break;
            case double d:
                json.WriteValue(d);
                break;
            case float f:
                json.WriteValue((double)f);
                break;
            case long or int or short or byte or sbyte or ushort or uint:
                json.WriteValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> dictionary:
                json.WriteStartObject();
                foreach (var pair in dictionary)
                {
                    json.WritePropertyName(pair.Key);
                    Write(json, pair.Value, depth + 1);
                }

                json.WriteEndObject();
                break;
            case JToken token:
                token.WriteTo(json, NoConverters);
                break;
            case IEnumerable sequence:
                json.WriteStartArray();
                foreach (var item in sequence)
                {
                    Write(json, item, depth + 1);
                }

                json.WriteEndArray();
                break;
            default:
                JToken.FromObject(value, JsonSerializer.Create(JsonConventions.Settings)).WriteTo(json, NoConverters);
                break;
        }
    }
}
