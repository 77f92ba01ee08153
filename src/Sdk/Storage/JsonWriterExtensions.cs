using Newtonsoft.Json;

namespace Wandb.Storage;

/// <summary>The property and array shapes every document the SDK writes by hand uses: the store's files, runs.json and the HTML report's data.</summary>
internal static class JsonWriterExtensions
{
    public static void WriteProperty(this JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    public static void WriteProperty(this JsonWriter json, string name, int value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    public static void WriteStringArray(this JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteValue(value);
        }

        json.WriteEndArray();
    }
}
