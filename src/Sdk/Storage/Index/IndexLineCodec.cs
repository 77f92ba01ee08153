using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Storage.Batches;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Index;

/// <summary>
/// Writes and reads the lines of the index snapshot. A run's line holds its <c>run.json</c> and writer states in
/// the very form the folder store writes them (<see cref="StoreDocumentWriter"/>), so nothing is lost or
/// converted on the way through the index and the token reader that lists batch files reads it as fast.
/// </summary>
internal static class IndexLineCodec
{
    public static string WriteHeader(IndexHeader header) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteProperty(IndexFields.Format, IndexHeader.FormatName);
        json.WriteProperty(IndexFields.Version, header.Version);
        json.WriteProperty(IndexFields.Runs, header.Runs);
        json.WritePropertyName(IndexFields.Batches);
        json.WriteStartObject();
        foreach (var pair in header.Batches.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(pair.Key);
            json.WriteStartObject();
            json.WriteProperty(IndexFields.Bytes, pair.Value.Bytes);
            json.WriteProperty(IndexFields.Lines, pair.Value.Lines);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    });

    /// <exception cref="JsonException">The line is not an index header.</exception>
    public static IndexHeader ReadHeader(string line) => StoreDocumentReader.Read(line, reader =>
    {
        string? format = null;
        long? version = null;
        long? runs = null;
        var batches = new Dictionary<string, BatchFilePosition>(StringComparer.Ordinal);
        while (StoreDocumentReader.NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Format: format = reader.Value as string; break;
                case IndexFields.Version: version = Integer(reader); break;
                case IndexFields.Runs: runs = Integer(reader); break;
                case IndexFields.Batches when reader.TokenType == JsonToken.StartObject:
                    while (StoreDocumentReader.NextProperty(reader) is { } file)
                    {
                        batches[file] = ReadPosition(reader);
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        if (format != IndexHeader.FormatName || version is null || runs is null)
        {
            throw new JsonSerializationException("The first line is not a run index header.");
        }

        return new IndexHeader((int)version.Value, runs.Value, batches);
    });

    public static string WriteRun(IndexedRun run) => Write(json =>
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

    /// <exception cref="JsonException">The line is not a whole index entry.</exception>
    public static IndexedRun ReadRun(string line) => StoreDocumentReader.Read(line, reader =>
    {
        string? id = null;
        var folder = false;
        var live = false;
        RunMetadataFile? metadata = null;
        var states = new List<WriterStateFile>();
        BatchedRun? batch = null;
        while (StoreDocumentReader.NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Id: id = reader.Value as string; break;
                case IndexFields.Folder: folder = reader.Value is true; break;
                case IndexFields.Live: live = reader.Value is true; break;
                case IndexFields.Run when reader.TokenType == JsonToken.StartObject: metadata = StoreDocumentReader.ReadMetadata(reader); break;
                case IndexFields.Writers when reader.TokenType == JsonToken.StartArray: ReadStates(reader, states); break;
                case IndexFields.Batch when reader.TokenType == JsonToken.StartObject: batch = ReadBatch(reader); break;
                default: reader.Skip(); break;
            }
        }

        if (id is null || !RunId.TryValidate(id, out _) || (!folder && batch is null))
        {
            throw new JsonSerializationException("The line is not a run of the index.");
        }

        return new IndexedRun { Id = id, HasFolder = folder, Live = live, FolderMetadata = metadata, FolderStates = states, Batch = batch, Line = line };
    });

    private static BatchedRun ReadBatch(JsonTextReader reader)
    {
        RunMetadataFile? metadata = null;
        var states = new List<WriterStateFile>();
        while (StoreDocumentReader.NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Run when reader.TokenType == JsonToken.StartObject: metadata = StoreDocumentReader.ReadMetadata(reader); break;
                case IndexFields.Writers when reader.TokenType == JsonToken.StartArray: ReadStates(reader, states); break;
                default: reader.Skip(); break;
            }
        }

        var batch = new BatchedRun(metadata ?? throw new JsonSerializationException("A batch entry has no run."));
        states.ForEach(batch.Add);
        return batch;
    }

    private static void ReadStates(JsonTextReader reader, List<WriterStateFile> states)
    {
        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
        {
            states.Add(reader.TokenType == JsonToken.StartObject
                ? StoreDocumentReader.ReadState(reader)
                : throw new JsonSerializationException("A writer state is not an object."));
        }
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

    private static BatchFilePosition ReadPosition(JsonTextReader reader)
    {
        long? bytes = null;
        long? lines = null;
        while (StoreDocumentReader.NextProperty(reader) is { } name)
        {
            switch (name)
            {
                case IndexFields.Bytes: bytes = Integer(reader); break;
                case IndexFields.Lines: lines = Integer(reader); break;
                default: reader.Skip(); break;
            }
        }

        return bytes is >= 0 && lines is >= 0
            ? new BatchFilePosition(bytes.Value, lines.Value)
            : throw new JsonSerializationException("A batch file position is not two counts.");
    }

    private static long? Integer(JsonTextReader reader) => reader.TokenType == JsonToken.Integer ? Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture) : null;

    private static string Write(Action<JsonTextWriter> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = JsonConventions.CreateWriter(text, Formatting.None))
        {
            write(json);
        }

        return text.ToString();
    }
}
