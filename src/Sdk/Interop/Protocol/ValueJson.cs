using System.Buffers.Text;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json;
using Wandb.Storage.Codec;

namespace Wandb.Interop.Protocol;

/// <summary>
/// The <c>value_json</c> of W&amp;B's config, summary and history items: JSON whose numbers may also be the bare
/// tokens <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> (as Python's <c>json</c> and W&amp;B's Go core write
/// them). Values are the store's plain shapes: null, bool, long, double, string, lists and string-keyed
/// dictionaries. A double always keeps a fraction or exponent (<c>3.0</c>), so it reads back as a double and
/// not as the integer 3.
/// </summary>
internal static class ValueJson
{
    private static readonly char[] FractionOrExponent = { '.', 'E', 'e' };
    private static readonly byte[] NaN = Encoding.ASCII.GetBytes("NaN");
    private static readonly byte[] Infinity = Encoding.ASCII.GetBytes("Infinity");
    private static readonly byte[] NegativeInfinity = Encoding.ASCII.GetBytes("-Infinity");

    public static string Write(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(FractionOrExponent) >= 0 ? text : text + ".0";
    }

    /// <summary>
    /// Reads a number, the non-finite tokens included, from UTF-8 <c>value_json</c> bytes without making a string
    /// (the import reads millions); false for anything else (strings, booleans, objects, lists).
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> json, out double value)
    {
        value = 0;
        if (json.Length == 0 || json[0] is (byte)'"' or (byte)'{' or (byte)'[' or (byte)'t' or (byte)'f' or (byte)'n')
        {
            return false;
        }

        if (json.SequenceEqual(NaN) || json.SequenceEqual(Infinity) || json.SequenceEqual(NegativeInfinity))
        {
            value = json[0] == (byte)'N' ? double.NaN : json[0] == (byte)'I' ? double.PositiveInfinity : double.NegativeInfinity;
            return true;
        }

        return Utf8Parser.TryParse(json, out value, out var consumed) && consumed == json.Length;
    }

    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static object? Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        if (!reader.Read())
        {
            throw new JsonReaderException("The value is empty.");
        }

        var value = ReadValue(reader);
        if (reader.Read())
        {
            throw new JsonReaderException($"Unexpected {reader.TokenType} after the value.");
        }

        return value;
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case string s:
                builder.Append(HistoryLineWriter.Quote(s));
                break;
            case double d:
                builder.Append(Number(d));
                break;
            case long or int:
                builder.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case IDictionary<string, object?> dictionary:
                builder.Append('{');
                var first = true;
                foreach (var pair in dictionary)
                {
                    builder.Append(first ? string.Empty : ",").Append(HistoryLineWriter.Quote(pair.Key)).Append(':');
                    Append(builder, pair.Value);
                    first = false;
                }

                builder.Append('}');
                break;
            case IEnumerable items:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    builder.Append(firstItem ? string.Empty : ",");
                    Append(builder, item);
                    firstItem = false;
                }

                builder.Append(']');
                break;
            default:
                throw new ArgumentException($"A {value.GetType().FullName} is not one of the store's plain values.", nameof(value));
        }
    }

    private static object? ReadValue(JsonTextReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    reader.Read();
                    dictionary[name] = ReadValue(reader);
                }

                return dictionary;
            case JsonToken.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                {
                    list.Add(ReadValue(reader));
                }

                return list;
            case JsonToken.Integer:
                return reader.Value is BigInteger big ? (object)(double)big : Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Float:
                return Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.String:
                return (string)reader.Value!;
            case JsonToken.Boolean:
                return (bool)reader.Value!;
            case JsonToken.Null or JsonToken.Undefined:
                return null;
            default:
                throw new JsonReaderException($"Unexpected {reader.TokenType} in a value.");
        }
    }
}
