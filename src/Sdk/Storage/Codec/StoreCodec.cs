using System.Text;
using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Storage.Codec;

/// <summary>
/// The store's JSON codec: what every store keeps as JSON (run.json, writer states, spill markers) to bytes
/// and back. The two documents every run has are written and read field by field
/// (<see cref="StoreDocumentWriter"/>, <see cref="StoreDocumentReader"/>); anything else goes through
/// Newtonsoft's serializer with <see cref="JsonConventions.Settings"/>. Non-finite numbers are the strings
/// "NaN", "Infinity" and "-Infinity" (JSON has no literal for them) and read back as numbers.
/// </summary>
internal static class StoreCodec
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(JsonConventions.Settings);

    public static byte[] Serialize(object value) => value switch
    {
        RunMetadataFile metadata => StoreDocumentWriter.Write(metadata),
        WriterStateFile state => StoreDocumentWriter.Write(state),
        _ => Utf8.GetBytes(JsonConvert.SerializeObject(value, JsonConventions.Settings) + "\n"),
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

        using var reader = JsonConventions.CreateReader(json);
        var result = Serializer.Deserialize<T>(reader);
        return result ?? throw new JsonSerializationException("The file holds no JSON object.");
    }
}
