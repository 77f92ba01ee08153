using System.Globalization;
using Newtonsoft.Json;

namespace Wandb.Json;

/// <summary>
/// A property of each kind of value, written one way in every document the SDK writes by hand: the store's
/// documents, runs.json and the page data of the HTML report.
/// </summary>
internal static class JsonWriterExtensions
{
    public static void WriteProperty(this JsonWriter json, string name, string? value) => json.Named(name).WriteValue(value);

    /// <summary>An integer; an <c>int</c> is written with the same digits.</summary>
    public static void WriteProperty(this JsonWriter json, string name, long value) => json.Named(name).WriteValue(value);

    public static void WriteProperty(this JsonWriter json, string name, long? value) => json.Named(name).WriteValue(value);

    public static void WriteProperty(this JsonWriter json, string name, bool? value) => json.Named(name).WriteValue(value);

    /// <summary>A number in full precision; NaN and infinities follow the writer's FloatFormatHandling.</summary>
    public static void WriteProperty(this JsonWriter json, string name, double value) => json.Named(name).WriteValue(value);

    /// <summary>A time as the writer's DateFormatHandling writes it (the store's documents).</summary>
    public static void WriteProperty(this JsonWriter json, string name, DateTimeOffset? value) => json.Named(name).WriteValue(value);

    /// <summary>A time as a round-trip ("O") string with all seven fraction digits, as the reports write times.</summary>
    public static void WriteRoundTripTime(this JsonWriter json, string name, DateTimeOffset? value) =>
        json.WriteProperty(name, value?.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>A statistic: the number, or null where it is undefined (the std dev of one run), never a non-finite marker.</summary>
    public static void WriteStatistic(this JsonWriter json, string name, double value)
    {
        if (!IsFinite(value))
        {
            json.Named(name).WriteNull();
        }
        else
        {
            json.WriteProperty(name, value);
        }
    }

    /// <summary>A number as a short literal of <paramref name="format"/> (see <see cref="WriteShortNumber(JsonWriter, double, string)"/>).</summary>
    public static void WriteShortNumber(this JsonWriter json, string name, double value, string format) =>
        json.Named(name).WriteShortNumber(value, format);

    /// <summary>
    /// A number as a short literal: curve points dominate the page's size, and six significant digits are
    /// more than a chart can show. A fixed-point format drops trailing zeros; NaN and infinities are null.
    /// </summary>
    public static void WriteShortNumber(this JsonWriter json, double value, string format)
    {
        if (ShortNumber(value, format) is { } text)
        {
            json.WriteRawValue(text);
        }
        else
        {
            json.WriteNull();
        }
    }

    /// <summary>The literal <see cref="WriteShortNumber(JsonWriter, double, string)"/> writes, or null for NaN and infinities (written as null).</summary>
    public static string? ShortNumber(double value, string format)
    {
        if (!IsFinite(value))
        {
            return null;
        }

        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (format.StartsWith("F", StringComparison.Ordinal) && text.IndexOf('.') >= 0)
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }

    /// <summary>A config, a summary or one of their values, as <see cref="PlainValueWriter"/> writes it.</summary>
    public static void WritePlainValue(this JsonWriter json, string name, object? value) => PlainValueWriter.Write(json.Named(name), value);

    public static void WriteStringArray(this JsonWriter json, string name, IEnumerable<string?> values)
    {
        json.Named(name).WriteStartArray();
        foreach (var value in values)
        {
            json.WriteValue(value);
        }

        json.WriteEndArray();
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static JsonWriter Named(this JsonWriter json, string name)
    {
        json.WritePropertyName(name);
        return json;
    }
}
