using System.Text;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Folder;

/// <summary>
/// The rows of a history file after its first lines, for a crashed writer whose state counts fewer rows than its
/// file holds. The lines before are skipped as bytes, not parsed, so catching up costs little more than reading
/// the file once.
/// </summary>
internal static class HistoryTail
{
    public static IEnumerable<HistoryRow> Read(IStoreFileSystem fs, string path, long skipLines)
    {
        if (!fs.FileExists(path))
        {
            yield break;
        }

        using var stream = fs.OpenRead(path);
        if (!SkipLines(stream, skipLines, out var offset))
        {
            yield break;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var parser = new HistoryLineParser();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: TextBuffers.Chars);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length > 0 && parser.TryParse(line) is { } row)
            {
                yield return row;
            }
        }
    }

    /// <summary>Finds the byte offset after <paramref name="lines"/> newlines; false when the file has fewer.</summary>
    private static bool SkipLines(Stream stream, long lines, out long offset)
    {
        offset = 0;
        if (lines <= 0)
        {
            return true;
        }

        var buffer = new byte[64 * 1024];
        long seen = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n' && ++seen == lines)
                {
                    offset += i + 1;
                    return true;
                }
            }

            offset += read;
        }

        return false;
    }
}
