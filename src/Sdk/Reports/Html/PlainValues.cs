using Newtonsoft.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes config and summary values as plain JSON. NaN and infinities become the strings "NaN",
/// "Infinity" and "-Infinity", the encoding the store uses, so the page counts them instead of averaging them.
/// </summary>
internal static class PlainValues
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        FloatFormatHandling = FloatFormatHandling.String,
        ReferenceLoopHandling = ReferenceLoopHandling.Ignore,
    });

    public static void WriteObject(JsonWriter json, IReadOnlyDictionary<string, object?> values)
    {
        json.WriteStartObject();
        foreach (var pair in values)
        {
            json.WritePropertyName(pair.Key);
            Serializer.Serialize(json, pair.Value);
        }

        json.WriteEndObject();
    }
}
