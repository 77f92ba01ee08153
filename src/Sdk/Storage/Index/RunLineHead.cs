using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Wandb.Polyfills;

namespace Wandb.Storage.Index;

/// <summary>
/// Reads the head of a run's snapshot line as <see cref="IndexLineCodec.WriteRun"/> writes it, byte by byte:
/// <c>{"id":"…"</c>, then <c>,"folder":true</c> and <c>,"live":true</c> when set, then the documents or the end of
/// the object. A listing of 100,000 runs reads 100,000 heads (in a build's or test run's read-ahead, beside its own
/// work); through a JSON reader each took about two microseconds, most of it setting the reader up. A line of any
/// other shape (escapes, spaces, a field written false) is left to the JSON reader, which reads what it means.
/// </summary>
internal static class RunLineHead
{
    private static readonly byte[] IdStart = Encoding.UTF8.GetBytes("{\"" + IndexFields.Id + "\":\"");
    private static readonly byte[] FolderSet = Encoding.UTF8.GetBytes(",\"" + IndexFields.Folder + "\":true");
    private static readonly byte[] LiveSet = Encoding.UTF8.GetBytes(",\"" + IndexFields.Live + "\":true");
    private static readonly byte[] NextProperty = Encoding.UTF8.GetBytes(",\"");
    private static readonly byte[] FolderAgain = Encoding.UTF8.GetBytes(",\"" + IndexFields.Folder + "\"");
    private static readonly byte[] LiveAgain = Encoding.UTF8.GetBytes(",\"" + IndexFields.Live + "\"");

    /// <returns>False when the line is not of the writer's shape; the caller then reads it with a JSON reader.</returns>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static bool TryRead(ReadOnlyMemory<byte> memory, out string id, out bool folder, out bool live)
    {
        var line = memory.Span;
        id = string.Empty;
        folder = false;
        live = false;
        if (!line.StartsWith(IdStart) || line[line.Length - 1] != (byte)'}')
        {
            return false;
        }

        var rest = line.Slice(IdStart.Length);
        var length = rest.IndexOf((byte)'"');
        if (length < 1 || length > RunId.MaxLength || !IsPlainId(rest.Slice(0, length)))
        {
            return false;
        }

        rest = rest.Slice(length + 1);
        folder = Take(ref rest, FolderSet);
        live = Take(ref rest, LiveSet);

        // Documents follow, or the object ends: a run of a folder not read yet has none. A flag still to come (written
        // false, or in another order) is the JSON reader's to read.
        if (rest.StartsWith(FolderAgain) || rest.StartsWith(LiveAgain) || (!rest.StartsWith(NextProperty) && !(folder && rest.Length == 1)))
        {
            return false;
        }

        id = Ascii(memory.Slice(IdStart.Length, length));
        return true;
    }

    /// <summary>The characters of a run id (<see cref="RunId.TryValidate"/>), not only dots: an id as the writer wrote it.</summary>
    internal static bool IsPlainId(ReadOnlySpan<byte> name)
    {
        var dotsOnly = true;
        foreach (var b in name)
        {
            if (!RunId.IsIdCharacter(b))
            {
                return false;
            }

            dotsOnly &= b == (byte)'.';
        }

        return !dotsOnly;
    }

    private static bool Take(ref ReadOnlySpan<byte> rest, byte[] expected)
    {
        if (!rest.StartsWith(expected))
        {
            return false;
        }

        rest = rest.Slice(expected.Length);
        return true;
    }

    /// <summary>The id's text, decoded where it lies: the lines are slices of the snapshot's one buffer.</summary>
    private static string Ascii(ReadOnlyMemory<byte> name) =>
        MemoryMarshal.TryGetArray(name, out var segment)
            ? Encoding.ASCII.GetString(segment.Array!, segment.Offset, segment.Count)
            : Encoding.ASCII.GetString(name.ToArray());
}
