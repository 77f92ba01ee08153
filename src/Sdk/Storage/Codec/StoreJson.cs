using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Wandb.Storage.Codec;

/// <summary>
/// JSON settings and helpers for the store's metadata files. Non-finite numbers are written as the strings
/// "NaN", "Infinity" and "-Infinity" (JSON has no literal for them) and read back as numbers.
/// </summary>
internal static class StoreJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        FloatFormatHandling = FloatFormatHandling.String,
        DateParseHandling = DateParseHandling.None,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
        Culture = CultureInfo.InvariantCulture,
    };

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    public static byte[] Serialize(object value) => value switch
    {
        RunMetadataFile metadata => StoreDocumentJson.Write(metadata),
        WriterStateFile state => StoreDocumentJson.Write(state),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(JsonConvert.SerializeObject(value, Settings) + "\n"),
    };

    public static T Deserialize<T>(string json)
    {
        // The store's own documents are read token by token: see StoreDocumentReader for why.
        if (typeof(T) == typeof(RunMetadataFile))
        {
            return (T)(object)StoreDocumentReader.ReadMetadata(json);
        }

        if (typeof(T) == typeof(WriterStateFile))
        {
            return (T)(object)StoreDocumentReader.ReadState(json);
        }

        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        var result = Serializer.Deserialize<T>(reader);
        return result ?? throw new JsonSerializationException("The file holds no JSON object.");
    }

    /// <summary>Turns what Newtonsoft produced for an <c>object</c> slot back into plain values (dictionaries, lists, long, double, string, bool, null).</summary>
    public static object? ToPlain(object? value) => value switch
    {
        JObject obj => obj.Properties().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
        JArray array => array.Select(ToPlain).ToList(),
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.Integer } v => Convert.ToInt64(v.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Float } v => Convert.ToDouble(v.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Boolean } v => (bool)v.Value!,
        JValue { Type: JTokenType.String } v => FromNonFiniteString((string)v.Value!),
        JValue v => v.Value?.ToString(),
        string s => FromNonFiniteString(s),
        _ => value,
    };

    private static object FromNonFiniteString(string s) => s switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => s,
    };
}
