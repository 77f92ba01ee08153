using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Wandb.Polyfills;

namespace Wandb.Json;

/// <summary>
/// Formats one JSON document with the store's writer settings (<see cref="JsonConventions.CreateWriter"/>) into UTF-8
/// bytes. Each thread reuses one text buffer: a batch line or run index line is formatted thousands of times per test
/// run, and a new string writer per line grew its buffer from 16 characters and copied the text into a string and then
/// bytes, 5.6 KB of garbage for a 760-byte line (2,000 index lines: 34 ms and 11 MiB).
/// </summary>
internal static class JsonDocumentBytes
{
    /// <summary>A buffer that grew past this (a run with a very large config) is not kept for the thread's next document.</summary>
    private const int KeptCapacity = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static StringBuilder? _text;

    [ThreadStatic]
    private static char[]? _chars;

    /// <param name="formatting">Indented for the files people open, none for lines.</param>
    /// <param name="write">Writes the document.</param>
    /// <param name="newline">Whether the bytes end with a newline (a line of a JSON lines file).</param>
    public static byte[] Write(Formatting formatting, Action<JsonTextWriter> write, bool newline)
    {
        // Taken from the thread while in use, so a document written while formatting another gets a buffer of its own.
        var text = _text ?? new StringBuilder(1024);
        _text = null;
        text.Clear();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        using (var json = JsonConventions.CreateWriter(writer, formatting))
        {
            write(json);
        }

        if (newline)
        {
            text.Append('\n');
        }

        var length = text.Length;
        var chars = _chars ?? new char[1024];
        _chars = null;
        text.CopyChars(length, ref chars);
        var bytes = new byte[Utf8.GetByteCount(chars, 0, length)];
        Utf8.GetBytes(chars, 0, length, bytes, 0);
        if (text.Capacity <= KeptCapacity)
        {
            _text = text;
            _chars = chars;
        }

        return bytes;
    }
}
