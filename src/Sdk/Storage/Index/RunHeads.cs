using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Wandb.Polyfills;

namespace Wandb.Storage.Index;

/// <summary>
/// <c>index/runs.v1.heads</c>: the head of every base line of the run index snapshot (docs/store-format.md, "The run
/// index"): its length, <c>folder</c> and <c>live</c>, and the run id, for the base of one generation. Listing a
/// 100,000-run store otherwise finds 100,000 line ends in the 76 MB snapshot and reads each line's head, about a
/// hundred milliseconds of every build's and test run's read-ahead, most of it the first touch of every page of the
/// mapped file; from this 2 MB file, the base's lines are slices found by their lengths and their pages are touched only
/// when a run is read. Written beside every base written whole; a file of another generation, torn or damaged (it ends
/// in a fingerprint of all it holds) is not used, and the snapshot is read line by line as without it.
/// </summary>
internal sealed class RunHeads
{
    public const string FileName = "runs.v1.heads";

    private const int Version = 1;
    private const byte FolderFlag = 1;
    private const byte LiveFlag = 2;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("WANDBRH\n");

    private readonly byte[] _flags;

    private RunHeads(List<int> starts, string[] ids, byte[] flags)
    {
        Starts = starts;
        Ids = ids;
        _flags = flags;
    }

    /// <summary>Where each line of the file begins, header first, then the base's lines, then just past the base.</summary>
    public List<int> Starts { get; }

    /// <summary>The run id of each base line.</summary>
    public string[] Ids { get; }

    public bool HasFolder(int run) => (_flags[run] & FolderFlag) != 0;

    public bool IsLive(int run) => (_flags[run] & LiveFlag) != 0;

    public static string PathFor(string snapshotPath) => Path.Combine(Path.GetDirectoryName(snapshotPath)!, FileName);

    /// <summary>
    /// Writes the heads of a base just written whole; a failure, or a line not of the shape this version writes, leaves
    /// no file of this generation, so listings read the snapshot's lines as without one.
    /// </summary>
    /// <param name="snapshotPath">The snapshot.</param>
    /// <param name="generation">The base's generation.</param>
    /// <param name="headerBytes">The header line's bytes, newline included.</param>
    /// <param name="lines">The base's lines, in file order.</param>
    public static void TryWrite(string snapshotPath, string generation, int headerBytes, IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        var heads = new List<(string Id, bool Folder, bool Live, int Length)>(lines.Count);
        foreach (var line in lines)
        {
            if (!RunLineHead.TryRead(line, out var id, out var folder, out var live))
            {
                TryDelete(PathFor(snapshotPath));
                return;
            }

            heads.Add((id, folder, live, line.Length));
        }

        TryWrite(snapshotPath, generation, headerBytes, heads);
    }

    /// <summary>Writes the heads of a base as a listing read them (a base written by an earlier version, or whose heads did not read); a failure costs nothing but the shortcut.</summary>
    /// <param name="snapshotPath">The snapshot.</param>
    /// <param name="generation">The base's generation.</param>
    /// <param name="headerBytes">The header line's bytes, newline included.</param>
    /// <param name="heads">Each base line's run id, flags and length (without its newline), in file order.</param>
    public static void TryWrite(string snapshotPath, string generation, int headerBytes, IReadOnlyCollection<(string Id, bool Folder, bool Live, int Length)> heads)
    {
        try
        {
            // Magic, version, the generation (its length, then ASCII), the header's bytes and the run count; then per run
            // the line's length, its flags, the id's length and the id (ASCII); last the fingerprint of all before it.
            using var content = new MemoryStream((heads.Count * 16) + 64);
            var number = new byte[sizeof(int)];
            void WriteInt(int value)
            {
                BinaryPrimitives.WriteInt32LittleEndian(number, value);
                content.Write(number, 0, number.Length);
            }

            void WriteAscii(string text)
            {
                content.WriteByte((byte)text.Length);
                foreach (var c in text)
                {
                    content.WriteByte((byte)c);
                }
            }

            content.Write(Magic, 0, Magic.Length);
            WriteInt(Version);
            WriteAscii(generation);
            WriteInt(headerBytes);
            WriteInt(heads.Count);
            foreach (var (id, folder, live, length) in heads)
            {
                WriteInt(length);
                content.WriteByte((byte)((folder ? FolderFlag : 0) | (live ? LiveFlag : 0)));
                WriteAscii(id);
            }

            var hash = BitConverter.GetBytes(LineHash.Of(new ReadOnlySpan<byte>(content.GetBuffer(), 0, (int)content.Length)));
            AtomicFile.Write(
                PathFor(snapshotPath),
                stream =>
                {
                    content.WriteTo(stream);
                    stream.Write(hash, 0, hash.Length);
                },
                durable: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a shortcut: the next listing reads the snapshot line by line.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file of another generation is not used anyway.
        }
    }

    /// <summary>The heads of the base of <paramref name="generation"/>, or null when the file is missing, of another base, torn or damaged.</summary>
    /// <param name="snapshotPath">The snapshot.</param>
    /// <param name="generation">The generation its header names.</param>
    /// <param name="runs">How many lines its base holds, as its header counts them.</param>
    /// <param name="headerBytes">The header line's bytes, newline included.</param>
    /// <param name="fileBytes">How long the snapshot is: the base must lie within it.</param>
    public static RunHeads? TryRead(string snapshotPath, string generation, long runs, int headerBytes, long fileBytes)
    {
        byte[] bytes;
        try
        {
            var path = PathFor(snapshotPath);
            if (!File.Exists(path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            return Parse(bytes, generation, runs, headerBytes, fileBytes);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The heads the bytes hold, checked against the base they must describe; null when they do not.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static RunHeads? Parse(byte[] bytes, string generation, long runs, int headerBytes, long fileBytes)
    {
        var content = bytes.AsSpan(0, Math.Max(0, bytes.Length - sizeof(ulong)));
        if (bytes.Length < Magic.Length + sizeof(ulong)
            || !content.StartsWith(Magic)
            || BitConverter.ToUInt64(bytes, content.Length) != LineHash.Of(content))
        {
            return null;
        }

        var at = Magic.Length;
        if (Int(content, ref at) != Version)
        {
            return null;
        }

        var generationLength = content[at++];
        if (!content.Slice(at, generationLength).SequenceEqual(Encoding.ASCII.GetBytes(generation)))
        {
            return null;
        }

        at += generationLength;
        var count = Int(content, ref at);
        if (count != headerBytes)
        {
            return null;
        }

        count = Int(content, ref at);
        if (count != runs || count < 0)
        {
            return null;
        }

        var starts = new List<int>(count + 2) { 0, headerBytes };
        var ids = new string[count];
        var flags = new byte[count];
        long end = headerBytes;
        var previous = ReadOnlySpan<byte>.Empty;
        for (var i = 0; i < count; i++)
        {
            var length = Int(content, ref at);
            flags[i] = content[at++];
            var idLength = content[at++];
            var id = content.Slice(at, idLength);
            at += idLength;

            // The base is in id order, each run once; a run's line holds at least its head.
            end += length + 1L;
            if (length < idLength || end > fileBytes || !IsRunId(id) || (i > 0 && previous.SequenceCompareTo(id) >= 0))
            {
                return null;
            }

            starts.Add((int)end);
            ids[i] = Encoding.ASCII.GetString(bytes, at - idLength, idLength);
            previous = id;
        }

        return at == content.Length ? new RunHeads(starts, ids, flags) : null;
    }

    private static int Int(ReadOnlySpan<byte> content, ref int at)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(content.Slice(at));
        at += sizeof(int);
        return value;
    }

    /// <summary>A run id as the writer writes it (<see cref="RunLineHead.IsPlainId"/>), not longer than a run id may be.</summary>
    private static bool IsRunId(ReadOnlySpan<byte> id) => id.Length >= 1 && id.Length <= RunId.MaxLength && RunLineHead.IsPlainId(id);
}
