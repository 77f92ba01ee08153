using System.Globalization;
using Newtonsoft.Json;

namespace Wandb.Json;

/// <summary>
/// How the SDK's JSON spells what JSON has no literal for: NaN and the infinities are the strings
/// <see cref="NaN"/>, <see cref="PositiveInfinity"/> and <see cref="NegativeInfinity"/> (and read back as
/// numbers), times are ISO 8601 strings that a reader never turns into dates on its own, and numbers use
/// the invariant culture. The store's files, runs.json and the page data all follow it.
/// </summary>
internal static class JsonConventions
{
    public const string NaN = "NaN";
    public const string PositiveInfinity = "Infinity";
    public const string NegativeInfinity = "-Infinity";

    /// <summary>For what goes through Newtonsoft's serializer rather than a hand-written writer (a spill marker, a value of an unexpected type).</summary>
    public static readonly JsonSerializerSettings Settings = new()
    {
        FloatFormatHandling = FloatFormatHandling.String,
        DateParseHandling = DateParseHandling.None,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
        Culture = CultureInfo.InvariantCulture,
    };

    /// <summary>A writer that follows the conventions; it leaves <paramref name="output"/> open.</summary>
    public static JsonTextWriter CreateWriter(TextWriter output, Formatting formatting) => new(output)
    {
        Formatting = formatting,
        FloatFormatHandling = FloatFormatHandling.String,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        Culture = CultureInfo.InvariantCulture,
        CloseOutput = false,
    };

    /// <summary>A reader of <paramref name="json"/> that keeps times as strings and reads every fraction as a double.</summary>
    public static JsonTextReader CreateReader(string json) =>
        new(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };

    /// <summary>The plain value a JSON string stands for: the number for a non-finite marker, else the string itself.</summary>
    public static object StringValue(string value) => value switch
    {
        NaN => double.NaN,
        PositiveInfinity => double.PositiveInfinity,
        NegativeInfinity => double.NegativeInfinity,
        _ => value,
    };
}
