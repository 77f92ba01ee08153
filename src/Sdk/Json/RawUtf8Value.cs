using System.Text;
using Newtonsoft.Json;
using Wandb.Storage;

namespace Wandb.Json;

/// <summary>
/// Writes text made ahead and kept as UTF-8 (<see cref="KeptBytes"/>) as one raw value of a JSON writer. Under a
/// <see cref="StreamWriter"/> that encodes UTF-8 (a report file, <see cref="AtomicFile"/>) the bytes go to its stream as
/// they are, copied inside the kernel where they are kept in a file: the 3.25 MiB of runs.json entries a 100,000-run
/// store's refresh writes took 5 ms through the text writer (copied into its buffer, encoded, copied again) and 4-5 ms
/// from memory, on the core the refresh waits for (docs/benchmarks.md, <c>refresh</c>). Any other writer gets the text
/// decoded.
/// </summary>
internal static class RawUtf8Value
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="json">The writer, which puts the comma and indent before the value as before any other.</param>
    /// <param name="output">What <paramref name="json"/> writes to.</param>
    /// <param name="utf8">The value's text, UTF-8 (<see cref="Encode"/>).</param>
    public static void Write(JsonWriter json, TextWriter output, KeptBytes utf8)
    {
        if (StreamAtNextValue(json, output) is { } stream)
        {
            utf8.WriteTo(stream);
        }
        else
        {
            json.WriteRawValue(Utf8.GetString(utf8.ToArray()));
        }
    }

    /// <summary>
    /// Writes <paramref name="values"/>, each UTF-8, as the next values of the array <paramref name="json"/> is in, with
    /// <paramref name="separator"/> (what the writer puts between two values, UTF-8) between them. Under a UTF-8
    /// <see cref="StreamWriter"/> they go to its stream after one flush, as <see cref="Write"/>'s bytes do; any other writer
    /// gets them decoded. Nothing is written for no values.
    /// </summary>
    public static void WriteJoined(JsonWriter json, TextWriter output, IReadOnlyList<byte[]> values, byte[] separator)
    {
        if (values.Count == 0)
        {
            return;
        }

        if (StreamAtNextValue(json, output) is { } stream)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    stream.Write(separator, 0, separator.Length);
                }

                stream.Write(values[i], 0, values[i].Length);
            }
        }
        else
        {
            json.WriteRawValue(string.Join(Utf8.GetString(separator), values.Select(v => Utf8.GetString(v))));
        }
    }

    /// <summary>
    /// The stream under <paramref name="output"/> when it is a UTF-8 <see cref="StreamWriter"/>, with everything
    /// <paramref name="json"/> puts before its next value already in it; null for any other writer, to which nothing is written.
    /// </summary>
    private static Stream? StreamAtNextValue(JsonWriter json, TextWriter output)
    {
        if (output is not StreamWriter { Encoding: UTF8Encoding } file)
        {
            return null;
        }

        // The empty raw value writes what comes before a value; the flush then puts all of it in the stream (the stream
        // writer's flush flushes the stream too), so bytes written to the stream follow it in order.
        json.WriteRawValue(string.Empty);
        json.Flush();
        return file.BaseStream;
    }

    /// <summary>The UTF-8 of <paramref name="texts"/> joined with <paramref name="separator"/>, in one array sized once.</summary>
    public static byte[] Encode(IReadOnlyList<string> texts, string separator)
    {
        var length = texts.Count == 0 ? 0 : Utf8.GetByteCount(separator) * (texts.Count - 1);
        foreach (var text in texts)
        {
            length += Utf8.GetByteCount(text);
        }

        var bytes = new byte[length];
        var at = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (i > 0)
            {
                at += Utf8.GetBytes(separator, 0, separator.Length, bytes, at);
            }

            at += Utf8.GetBytes(texts[i], 0, texts[i].Length, bytes, at);
        }

        return bytes;
    }
}
