using Newtonsoft.Json;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Index;

/// <summary>
/// The index snapshot <c>index/runs.v1.jsonl</c>: a header line, then one line per run in id order. Replaced
/// whole (<see cref="AtomicFile"/>), so a reader sees the old or the new one; one that is missing, of another
/// version or damaged is not used, and says why so the listing can rebuild and report it.
/// </summary>
internal sealed class IndexSnapshot
{
    private static readonly int Parallelism = Math.Max(1, Math.Min(System.Environment.ProcessorCount, 8));

    private IndexSnapshot(Dictionary<string, BatchFilePosition> batches, Dictionary<string, IndexedRun> runs)
    {
        Batches = batches;
        Runs = runs;
    }

    public static IndexSnapshot Empty => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    public Dictionary<string, BatchFilePosition> Batches { get; }

    public Dictionary<string, IndexedRun> Runs { get; }

    /// <summary>Reads the snapshot, or returns null with <paramref name="unusable"/> saying why it cannot be used.</summary>
    public static IndexSnapshot? TryRead(string path, out string? unusable)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                unusable = "there was none (a store written before the index existed, or the index was deleted)";
                return null;
            }

            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unusable = $"it could not be read ({ex.Message})";
            return null;
        }

        IndexHeader header;
        try
        {
            header = lines.Length > 0 ? IndexLineCodec.ReadHeader(lines[0]) : throw new JsonSerializationException("empty");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException or OverflowException)
        {
            unusable = "its header is unreadable";
            return null;
        }

        if (header.Version != IndexHeader.CurrentVersion)
        {
            unusable = $"it is of version {header.Version}, this version of Wandb.Sdk reads version {IndexHeader.CurrentVersion}";
            return null;
        }

        if (header.Runs != lines.Length - 1)
        {
            unusable = $"it is truncated ({lines.Length - 1} of {header.Runs} runs)";
            return null;
        }

        var runs = lines.Skip(1).AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism).Select(TryReadRun).ToArray();
        var dictionary = new Dictionary<string, IndexedRun>(runs.Length, StringComparer.Ordinal);
        for (var i = 0; i < runs.Length; i++)
        {
            if (runs[i] is not { } run || dictionary.ContainsKey(run.Id))
            {
                unusable = $"line {i + 2} is torn or invalid";
                return null;
            }

            dictionary.Add(run.Id, run);
        }

        unusable = null;
        return new IndexSnapshot(header.Batches.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), dictionary);
    }

    /// <summary>Replaces the snapshot with <paramref name="runs"/> (in id order) and the batch positions.</summary>
    public static void Write(string path, IReadOnlyList<IndexedRun> runs, IReadOnlyDictionary<string, BatchFilePosition> batches)
    {
        var lines = runs.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism).Select(r => r.Line ??= IndexLineCodec.WriteRun(r)).ToArray();
        AtomicFile.Write(path, writer =>
        {
            writer.Write(IndexLineCodec.WriteHeader(new IndexHeader(IndexHeader.CurrentVersion, runs.Count, batches)));
            writer.Write('\n');
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        });
    }

    /// <summary>Writes an index of no runs where there is no index yet; a failure only means the first listing builds it.</summary>
    public static void TryCreateEmpty(IStoreFileSystem fs, StoreLayout layout)
    {
        var files = new IndexFiles(layout);
        try
        {
            fs.CreateDirectory(files.Directory);
            var header = IndexLineCodec.WriteHeader(new IndexHeader(IndexHeader.CurrentVersion, 0, new Dictionary<string, BatchFilePosition>()));
            fs.TryCreateNew(files.SnapshotPath, System.Text.Encoding.UTF8.GetBytes(header + "\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The first listing builds the index instead, and says so.
        }
    }

    private static IndexedRun? TryReadRun(string line)
    {
        try
        {
            return IndexLineCodec.ReadRun(line);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
