using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Storage.Batches;
using Wandb.Storage.Codec;
using JsonException = System.Text.Json.JsonException;

namespace Wandb.Storage.Index;

/// <summary>
/// Writes and reads the lines of the index snapshot. A run's line holds its <c>run.json</c> and writer states in
/// the very form the folder store writes them (<see cref="StoreDocumentWriter"/>), so nothing is lost or
/// converted on the way through the index. Lines are read from the snapshot's UTF-8 bytes
/// (<see cref="Utf8DocumentReader"/>), which reads the documents to the same objects as the files' reader.
/// </summary>
internal static class IndexLineCodec
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly byte[] SegmentStart = Utf8.GetBytes("{\"" + IndexFields.Segment + "\":");

    public static byte[] WriteHeader(IndexHeader header) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteProperty(IndexFields.Format, IndexHeader.FormatName);
        json.WriteProperty(IndexFields.Version, header.Version);
        json.WriteProperty(IndexFields.Runs, header.Runs);
        WriteBatches(json, header.Batches);
        if (header.Generation is not null)
        {
            json.WriteProperty(IndexFields.Generation, header.Generation);
        }

        json.WriteEndObject();
    });

    public static byte[] WriteSegment(IndexSegment segment) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteProperty(IndexFields.Segment, segment.Lines);
        json.WriteProperty(IndexFields.Runs, segment.Runs);
        WriteBatches(json, segment.Batches);
        json.WriteEndObject();
    });

    /// <summary>Whether a line is a segment's last line rather than a run's (the writer puts <c>segment</c> first).</summary>
    public static bool IsSegment(ReadOnlySpan<byte> line) => line.StartsWith(SegmentStart);

    /// <exception cref="JsonException">The line is not an index header.</exception>
    public static IndexHeader ReadHeader(ReadOnlySpan<byte> line)
    {
        var reader = Open(line);
        string? format = null;
        long? version = null;
        long? runs = null;
        Dictionary<string, BatchFilePosition>? batches = null;
        string? generation = null;
        while (Utf8DocumentReader.NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Format: format = Utf8DocumentReader.Text(ref reader); break;
                case IndexFields.Version: version = Integer(ref reader); break;
                case IndexFields.Runs: runs = Integer(ref reader); break;
                case IndexFields.Batches when reader.TokenType == JsonTokenType.StartObject: batches = ReadBatches(ref reader); break;
                case IndexFields.Generation when reader.TokenType == JsonTokenType.String: generation = Utf8DocumentReader.Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return format == IndexHeader.FormatName && version is not null && runs is not null
            ? new IndexHeader((int)version.Value, runs.Value, batches ?? new Dictionary<string, BatchFilePosition>(StringComparer.Ordinal), generation)
            : throw new JsonException("The first line is not a run index header.");
    }

    /// <exception cref="JsonException">The line is not a whole segment line.</exception>
    public static IndexSegment ReadSegment(ReadOnlySpan<byte> line)
    {
        var reader = Open(line);
        long? lines = null;
        long? runs = null;
        Dictionary<string, BatchFilePosition>? batches = null;
        while (Utf8DocumentReader.NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Segment: lines = Integer(ref reader); break;
                case IndexFields.Runs: runs = Integer(ref reader); break;
                case IndexFields.Batches when reader.TokenType == JsonTokenType.StartObject: batches = ReadBatches(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return lines is >= 0 && runs is >= 0 && batches is not null
            ? new IndexSegment(lines.Value, runs.Value, batches)
            : throw new JsonException("The line is not a segment's last line.");
    }

    /// <summary>Reads a run's line; the run keeps <paramref name="line"/>, so writing it again is a copy.</summary>
    /// <exception cref="JsonException">The line is not a whole index entry.</exception>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static IndexedRun ReadRun(ReadOnlyMemory<byte> line)
    {
        var reader = Open(line.Span);
        string? id = null;
        var folder = false;
        var live = false;
        RunMetadataFile? metadata = null;
        var states = new List<WriterStateFile>();
        BatchedRun? batch = null;
        while (Utf8DocumentReader.NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Id: id = Utf8DocumentReader.Text(ref reader); break;
                case IndexFields.Folder: folder = reader.TokenType == JsonTokenType.True; break;
                case IndexFields.Live: live = reader.TokenType == JsonTokenType.True; break;
                case IndexFields.Run when reader.TokenType == JsonTokenType.StartObject: metadata = Utf8DocumentReader.ReadMetadata(ref reader); break;
                case IndexFields.Writers when reader.TokenType == JsonTokenType.StartArray: ReadStates(ref reader, states); break;
                case IndexFields.Batch when reader.TokenType == JsonTokenType.StartObject: batch = ReadBatch(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (id is null || !RunId.TryValidate(id, out _) || (!folder && batch is null))
        {
            throw new JsonException("The line is not a run of the index.");
        }

        return new IndexedRun { Id = id, HasFolder = folder, Live = live, FolderMetadata = metadata, FolderStates = states, Batch = batch, Line = line };
    }

    /// <summary>
    /// Reads what a listing needs of a run's line before it needs the run: its id, whether it has a folder, whether it
    /// is live. <see cref="WriteRun"/> puts these first, so the rest of the line is not even tokenized here; the documents
    /// are read when the run is (<see cref="IndexedRun"/>), and a line damaged past its head is found then: a listing of
    /// every run reads every line, and a report past its budget reads every line whose fingerprint changed
    /// (<see cref="Groups.GroupIndexUpdate"/>). A listing of 100,000 runs whose report shows a few groups in full parses
    /// only their lines.
    /// </summary>
    /// <exception cref="JsonException">The line does not start as a run of the index.</exception>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static IndexedRun ReadRunHead(ReadOnlyMemory<byte> line)
    {
        if (RunLineHead.TryRead(line, out var plainId, out var plainFolder, out var plainLive))
        {
            return IndexedRun.Unread(plainId, plainFolder, plainLive, line);
        }

        var reader = Open(line.Span);
        string? id = null;
        var folder = false;
        var live = false;
        var documents = false;
        while (!documents && Utf8DocumentReader.NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Id: id = Utf8DocumentReader.Text(ref reader); break;
                case IndexFields.Folder: folder = reader.TokenType == JsonTokenType.True; break;
                case IndexFields.Live: live = reader.TokenType == JsonTokenType.True; break;
                default: documents = true; break;
            }
        }

        if (id is null || !RunId.TryValidate(id, out _) || !(folder || documents))
        {
            throw new JsonException("The line is not a run of the index.");
        }

        return IndexedRun.Unread(id, folder, live, line);
    }

    /// <summary>What reading a damaged line throws: broken JSON, a value that does not parse or convert, invalid UTF-8.</summary>
    public static bool IsUnreadable(Exception ex) =>
        ex is JsonException or FormatException or InvalidCastException or OverflowException or InvalidOperationException or ArgumentException;

    public static byte[] WriteRun(IndexedRun run) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteProperty(IndexFields.Id, run.Id);
        if (run.HasFolder)
        {
            json.WriteProperty(IndexFields.Folder, true);
        }

        if (run.Live)
        {
            json.WriteProperty(IndexFields.Live, true);
        }

        if (run.FolderMetadata is not null)
        {
            json.WritePropertyName(IndexFields.Run);
            StoreDocumentWriter.WriteMetadata(json, run.FolderMetadata);
        }

        if (run.FolderStates.Count > 0)
        {
            WriteStates(json, run.FolderStates);
        }

        if (run.Batch is not null)
        {
            json.WritePropertyName(IndexFields.Batch);
            json.WriteStartObject();
            json.WritePropertyName(IndexFields.Run);
            StoreDocumentWriter.WriteMetadata(json, run.Batch.Metadata);
            WriteStates(json, run.Batch.States);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    });

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static Utf8JsonReader Open(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Utf8DocumentReader.Next(ref reader);
        return reader.TokenType == JsonTokenType.StartObject ? reader : throw new JsonException("The line holds no JSON object.");
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static BatchedRun ReadBatch(ref Utf8JsonReader reader)
    {
        RunMetadataFile? metadata = null;
        var states = new List<WriterStateFile>();
        while (Utf8DocumentReader.NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Run when reader.TokenType == JsonTokenType.StartObject: metadata = Utf8DocumentReader.ReadMetadata(ref reader); break;
                case IndexFields.Writers when reader.TokenType == JsonTokenType.StartArray: ReadStates(ref reader, states); break;
                default: reader.Skip(); break;
            }
        }

        var batch = new BatchedRun(metadata ?? throw new JsonException("A batch entry has no run."));
        states.ForEach(batch.Add);
        return batch;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static void ReadStates(ref Utf8JsonReader reader, List<WriterStateFile> states)
    {
        while (true)
        {
            Utf8DocumentReader.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }

            states.Add(reader.TokenType == JsonTokenType.StartObject
                ? Utf8DocumentReader.ReadState(ref reader)
                : throw new JsonException("A writer state is not an object."));
        }
    }

    private static Dictionary<string, BatchFilePosition> ReadBatches(ref Utf8JsonReader reader)
    {
        var batches = new Dictionary<string, BatchFilePosition>(StringComparer.Ordinal);
        while (Utf8DocumentReader.NextProperty(ref reader) is { } file)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A batch file position is not an object.");
            }

            long? bytes = null;
            long? lines = null;
            while (Utf8DocumentReader.NextProperty(ref reader) is { } name)
            {
                switch (name)
                {
                    case IndexFields.Bytes: bytes = Integer(ref reader); break;
                    case IndexFields.Lines: lines = Integer(ref reader); break;
                    default: reader.Skip(); break;
                }
            }

            batches[file] = bytes is >= 0 && lines is >= 0
                ? new BatchFilePosition(bytes.Value, lines.Value)
                : throw new JsonException("A batch file position is not two counts.");
        }

        return batches;
    }

    private static void WriteBatches(JsonWriter json, IReadOnlyDictionary<string, BatchFilePosition> batches)
    {
        json.WritePropertyName(IndexFields.Batches);
        json.WriteStartObject();
        foreach (var pair in batches.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(pair.Key);
            json.WriteStartObject();
            json.WriteProperty(IndexFields.Bytes, pair.Value.Bytes);
            json.WriteProperty(IndexFields.Lines, pair.Value.Lines);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>An integral count; anything else reads as absent.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static long? Integer(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    private static void WriteStates(JsonWriter json, IEnumerable<WriterStateFile> states)
    {
        json.WritePropertyName(IndexFields.Writers);
        json.WriteStartArray();
        foreach (var state in states)
        {
            StoreDocumentWriter.WriteState(json, state);
        }

        json.WriteEndArray();
    }

    private static byte[] Write(Action<JsonTextWriter> write) => JsonDocumentBytes.Write(Formatting.None, write, newline: false);
}
