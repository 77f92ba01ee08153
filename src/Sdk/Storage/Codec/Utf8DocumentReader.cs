using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Runs;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Codec;

/// <summary>
/// Reads <c>run.json</c> and writer states from UTF-8 bytes with <see cref="Utf8JsonReader"/>, for the run index,
/// whose 100,000 lines Newtonsoft's reader took seconds to read (a UTF-16 copy of the file, a string per token).
/// Same fields and value rules as <see cref="StoreDocumentReader"/>, so both read a document to equal objects:
/// unknown fields skipped, a value of the wrong type absent, integral numbers long and others double (parsed
/// from their text as Newtonsoft does), the non-finite markers numbers, times parsed as round-trip ISO 8601.
/// </summary>
internal static class Utf8DocumentReader
{
    private static readonly double[] PowersOfTen = Enumerable.Range(0, 23).Select(e => double.Parse("1e" + e, CultureInfo.InvariantCulture)).ToArray();

    [ThreadStatic]
    private static char[]? _numberChars;

    /// <summary>Moves onto the next property's value and returns its name; null at the end of the object.</summary>
    /// <exception cref="JsonException">The document ends early or is not an object of properties.</exception>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static string? NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException($"Expected a property name, found {reader.TokenType}.");
        }

        var name = KnownNames.Read(ref reader);
        Next(ref reader);
        return name;
    }

    /// <summary>Moves to the next token, which a whole document always has until its object ends.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends before the object does (a torn write?).");
        }
    }

    /// <summary>One line of a batch file (<c>{"run":{..},"state":{..}}</c>), as <see cref="StoreDocumentReader.ReadBatchLine"/> reads it.</summary>
    /// <exception cref="JsonException">The line is not such an object, or lacks one of the two.</exception>
    /// <exception cref="InvalidOperationException">A string of the line is not valid UTF-8.</exception>
    public static RunBatchRecord ReadBatchLine(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The line holds no JSON object.");
        }

        RunMetadataFile? run = null;
        WriterStateFile? state = null;
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Run when reader.TokenType == JsonTokenType.StartObject: run = ReadMetadata(ref reader); break;
                case JsonFields.State when reader.TokenType == JsonTokenType.StartObject: state = ReadState(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return run is not null && state is not null
            ? new RunBatchRecord(run, state)
            : throw new JsonException("The line has no \"run\" and \"state\" objects.");
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static RunMetadataFile ReadMetadata(ref Utf8JsonReader reader)
    {
        var metadata = new RunMetadataFile();
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Schema: metadata.Schema = (int?)Long(ref reader) ?? StoreLayout.FormatVersion; break;
                case JsonFields.Id: metadata.Id = Text(ref reader) ?? string.Empty; break;
                case JsonFields.Name: metadata.Name = Text(ref reader) ?? string.Empty; break;
                case JsonFields.Project: metadata.Project = Text(ref reader) ?? string.Empty; break;
                case JsonFields.Group: metadata.Group = Text(ref reader); break;
                case JsonFields.JobType: metadata.JobType = Text(ref reader); break;
                case JsonFields.Tags: metadata.Tags = Tags(ref reader); break;
                case JsonFields.Notes: metadata.Notes = Text(ref reader); break;
                case JsonFields.CreatedAt: metadata.CreatedAt = Date(ref reader) ?? default; break;
                case JsonFields.SystemInfo when reader.TokenType == JsonTokenType.StartObject: metadata.System = ReadSystem(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return metadata;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static WriterStateFile ReadState(ref Utf8JsonReader reader)
    {
        var state = new WriterStateFile();
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Schema: state.Schema = (int?)Long(ref reader) ?? StoreLayout.FormatVersion; break;
                case JsonFields.Writer: state.Writer = Text(ref reader) ?? string.Empty; break;
                case JsonFields.Host: state.Host = Text(ref reader); break;
                case JsonFields.Pid: state.Pid = (int?)Long(ref reader) ?? 0; break;
                case JsonFields.ProcessStartedAt: state.ProcessStartedAt = Date(ref reader); break;
                case JsonFields.StartedAt: state.StartedAt = Date(ref reader) ?? default; break;
                case JsonFields.UpdatedAt: state.UpdatedAt = Date(ref reader) ?? default; break;
                case JsonFields.FinishedAt: state.FinishedAt = Date(ref reader); break;
                case JsonFields.State: state.State = Text(ref reader) ?? "running"; break;
                case JsonFields.ExitCode: state.ExitCode = (int?)Long(ref reader); break;
                case JsonFields.Rows: state.Rows = Long(ref reader) ?? 0; break;
                case JsonFields.LastStep: state.LastStep = Long(ref reader); break;
                case JsonFields.Config: state.Config = PlainObject(ref reader); break;
                case JsonFields.Summary: state.Summary = PlainObject(ref reader); break;
                case JsonFields.Last: ReadLast(ref reader, state.Last); break;
                case JsonFields.DroppedRows: state.DroppedRows = Long(ref reader) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        return state;
    }

    /// <summary>The current value if it is a string; anything else is stepped over and reads as absent.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Utf8StringCache.Read(ref reader);
        }

        reader.Skip();
        return null;
    }

    /// <summary>The current value if it is a number, as <see cref="StoreDocumentReader"/> converts it (a fraction rounded).</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static long? Long(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }

        return Number(ref reader) switch
        {
            long integer => integer,
            var fraction => Convert.ToInt64(fraction, CultureInfo.InvariantCulture),
        };
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static SystemInfo ReadSystem(ref Utf8JsonReader reader)
    {
        var system = new SystemInfo();
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case JsonFields.Host: system.Host = Text(ref reader); break;
                case JsonFields.Os: system.Os = Text(ref reader); break;
                case JsonFields.DotNet: system.DotNet = Text(ref reader); break;
                case JsonFields.Pid: system.Pid = (int?)Long(ref reader) ?? 0; break;
                case JsonFields.GitCommit: system.GitCommit = Text(ref reader); break;
                case JsonFields.GitBranch: system.GitBranch = Text(ref reader); break;
                case JsonFields.GitDirty: system.GitDirty = Boolean(ref reader); break;
                case JsonFields.CiProvider: system.CiProvider = Text(ref reader); break;
                case JsonFields.CiRunId: system.CiRunId = Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return system;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static void ReadLast(ref Utf8JsonReader reader, Dictionary<string, double> last)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (NextProperty(ref reader) is { } name)
        {
            if (Plain(ref reader) is { } value && (value is double or long))
            {
                last[name] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
        }
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool? Boolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            default:
                reader.Skip();
                return null;
        }
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static DateTimeOffset? Date(ref Utf8JsonReader reader)
    {
        // The writer's own form, "2026-11-29T16:35:48.0945532+00:00": an explicit offset and at most seven
        // fractional digits read to the same instant and offset either way, without a string. Any other
        // text goes through the parser StoreDocumentReader uses.
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && HasExplicitOffset(reader.ValueSpan)
            && reader.TryGetDateTimeOffset(out var parsed))
        {
            return parsed;
        }

        return Text(ref reader) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool HasExplicitOffset(ReadOnlySpan<byte> text) =>
        text.Length is >= 25 and <= 33 && text[10] == (byte)'T' && text[text.Length - 6] is (byte)'+' or (byte)'-' && text[text.Length - 3] == (byte)':';

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static List<string> Tags(ref Utf8JsonReader reader)
    {
        var tags = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return tags;
        }

        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return tags;
            }

            tags.Add(Plain(ref reader) switch
            {
                null => string.Empty,
                string s => s,
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty,
            });
        }
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static Dictionary<string, object?> PlainObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadPlainObject(ref reader);
        }

        reader.Skip();
        return new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static Dictionary<string, object?> ReadPlainObject(ref Utf8JsonReader reader)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (NextProperty(ref reader) is { } name)
        {
            result[name] = Plain(ref reader);
        }

        return result;
    }

    /// <summary>The current value as a plain value: dictionaries, lists, long, double, string, bool or null.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static object? Plain(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadPlainObject(ref reader);
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (true)
                {
                    Next(ref reader);
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        return list;
                    }

                    list.Add(Plain(ref reader));
                }

            case JsonTokenType.Number:
                return Number(ref reader);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return JsonConventions.StringValue(Utf8StringCache.Read(ref reader));
            default:
                return null;
        }
    }

    /// <summary>
    /// A number as Newtonsoft's reader types it: long when its text has no fraction or exponent, else double,
    /// parsed from the text by the runtime's own parser (as Newtonsoft does), never by a parser of another
    /// version whose rounding might differ. An integer beyond long fails, as it does there.
    /// </summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static object Number(ref Utf8JsonReader reader)
    {
        var text = reader.ValueSpan;
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            return reader.TryGetInt64(out var integer) ? integer : throw new FormatException("An integer is beyond the range of a long.");
        }

        return TryExact(text, out var exact) ? exact : double.Parse(Ascii(text), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a decimal whose digits make an integer of at most 2^53 and whose power of ten is at most 22 away:
    /// both are exact doubles, so one multiplication or division rounds once, to the double the full parser
    /// returns (Clinger's fast path). Anything else (17 significant digits, large exponents) is left to it.
    /// </summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool TryExact(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        ulong digits = 0;
        var significant = 0;
        var exponent = 0;
        var fraction = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && !fraction)
            {
                fraction = true;
            }
            else if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (digits > 0 || c != (byte)'0')
                {
                    if (++significant > 16)
                    {
                        return false;
                    }

                    digits = (digits * 10) + (ulong)(c - '0');
                }

                if (fraction)
                {
                    exponent--;
                }
            }
            else
            {
                break;
            }
        }

        if (i < text.Length)
        {
            if ((text[i] | 0x20) != (byte)'e' || !TryExponent(text.Slice(i + 1), out var written))
            {
                return false;
            }

            exponent += written;
        }

        if (digits > (1UL << 53) || exponent is < -22 or > 22)
        {
            return false;
        }

        value = exponent >= 0 ? digits * PowersOfTen[exponent] : digits / PowersOfTen[-exponent];
        value = negative ? -value : value;
        return true;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static bool TryExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        var negative = text.Length > 0 && text[0] == (byte)'-';
        var start = text.Length > 0 && text[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (text.Length - start is < 1 or > 3)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            exponent = (exponent * 10) + (text[i] - '0');
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static string Ascii(ReadOnlySpan<byte> text)
    {
        var chars = _numberChars ??= new char[64];
        if (chars.Length < text.Length)
        {
            chars = _numberChars = new char[text.Length];
        }

        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return new string(chars, 0, text.Length);
    }
}
