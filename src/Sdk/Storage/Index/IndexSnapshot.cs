using System.Runtime.CompilerServices;
using Wandb.Environment;
using Wandb.Polyfills;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using JsonException = System.Text.Json.JsonException;

namespace Wandb.Storage.Index;

/// <summary>
/// The index snapshot <c>index/runs.v1.jsonl</c>: a header line and one line per run in id order (the base), then
/// segments appended as runs change, each its changed runs' lines and a last line that counts them (the latest
/// line of a run wins). The base is replaced whole (<see cref="AtomicFile"/>): when a run was removed, when the
/// segments would outgrow a quarter of the base, or when there is no usable snapshot. A segment whose last line
/// is missing was cut short by a process that died while appending: it is ignored, and the next append writes
/// over it (the journals of its runs were not consumed, so they are read again). A snapshot that is missing, of
/// an unknown version or damaged is not used, and says why so the listing can rebuild and report it.
/// </summary>
internal sealed class IndexSnapshot
{
    /// <summary>Segments may grow to 1/4 of the base's bytes before the snapshot is rewritten whole.</summary>
    private const int CompactionDivisor = 4;

    /// <summary>The version before segments existed: a base alone, which this version reads as it is.</summary>
    private const int BaseOnlyVersion = 1;

    private const int LinesPerTask = 1024;

    private IndexSnapshot(int version, Dictionary<string, BatchFilePosition> batches, Dictionary<string, IndexedRun> runs, long baseBytes, long appendedBytes, string? generation, SnapshotFileBytes? read)
    {
        Version = version;
        Batches = batches;
        Runs = runs;
        BaseBytes = baseBytes;
        AppendedBytes = appendedBytes;
        Generation = generation;
        Read = read;
    }

    /// <summary>Nothing known: the listing reads every run, and the snapshot is written whole.</summary>
    public static IndexSnapshot Empty => new(0, new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0, 0, null, null);

    public Dictionary<string, BatchFilePosition> Batches { get; }

    public Dictionary<string, IndexedRun> Runs { get; }

    /// <summary>Whether the base's lines were found by the heads written beside it (<see cref="RunHeads"/>), not by reading each line's head.</summary>
    public bool BaseFromHeads { get; private init; }

    /// <summary>The version of the file read; 0 for <see cref="Empty"/>.</summary>
    private int Version { get; }

    /// <summary>The bytes of the header and the base's lines.</summary>
    private long BaseBytes { get; }

    /// <summary>The bytes of the whole segments after the base; what follows them is a torn append.</summary>
    private long AppendedBytes { get; }

    /// <summary>The base's generation; null for a file written before generations existed, and for <see cref="Empty"/>.</summary>
    private string? Generation { get; }

    /// <summary>
    /// The file's bytes as this snapshot was read from them, which the lines of the runs read then are slices of, at the
    /// offsets they have in the file; null when the snapshot was written whole since (its lines are then arrays of their own).
    /// </summary>
    public SnapshotFileBytes? Read { get; }

    /// <summary>The file as this snapshot last read or wrote it; null when its base has no generation.</summary>
    public SnapshotMark? Mark => Generation is null ? null : new SnapshotMark(Generation, BaseBytes + AppendedBytes);

    /// <summary>
    /// Reads the snapshot, each run by the head of its line (<see cref="IndexLineCodec.ReadRunHead"/>: the documents
    /// are read when the run is assembled), or returns null with <paramref name="unusable"/> saying why it cannot be used.
    /// </summary>
    public static IndexSnapshot? TryRead(string path, out string? unusable)
    {
        SnapshotFileBytes bytes;
        try
        {
            if (!File.Exists(path))
            {
                unusable = "there was none (a store written before the index existed, or the index was deleted)";
                return null;
            }

            bytes = SnapshotFileBytes.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unusable = $"it could not be read ({ex.Message})";
            return null;
        }

        // The header first: a base written whole has the heads of its lines beside it (RunHeads), so its lines are found
        // by their lengths and only the segments after it are searched for line ends.
        var firstLine = bytes.Memory.Span.IndexOf((byte)'\n');
        IndexHeader header;
        try
        {
            header = firstLine >= 0 ? IndexLineCodec.ReadHeader(bytes.Memory.Span.Slice(0, firstLine)) : throw new JsonException("empty");
        }
        catch (Exception ex) when (IndexLineCodec.IsUnreadable(ex))
        {
            unusable = "its header is unreadable";
            return null;
        }

        if (header.Version is not (IndexHeader.CurrentVersion or BaseOnlyVersion))
        {
            unusable = $"it is of version {header.Version}, this version of Wandb.Sdk reads version {IndexHeader.CurrentVersion}";
            return null;
        }

        var heads = header.Version == IndexHeader.CurrentVersion && header.Generation is { } generation
            ? RunHeads.TryRead(path, generation, header.Runs, firstLine + 1, bytes.Memory.Length)
            : null;
        var lines = heads is null ? SnapshotLines.Split(bytes.Memory) : SnapshotLines.Split(bytes.Memory, heads.Starts);
        var baseRuns = lines.Count - 1;
        if (baseRuns < header.Runs || (header.Version == BaseOnlyVersion && baseRuns != header.Runs))
        {
            unusable = $"it is truncated ({baseRuns} of {header.Runs} runs)";
            return null;
        }

        var baseEnd = (int)header.Runs + 1;
        var segments = ReadSegments(lines, baseEnd, out unusable);
        if (segments is null)
        {
            return null;
        }

        // Every run line of the base and the whole segments, checked in parallel; a segment's last line is not one.
        var runLines = Enumerable.Range(1, (int)header.Runs).Concat(segments.SelectMany(s => Enumerable.Range(s.First, s.Count))).ToArray();
        var parsed = new IndexedRun?[runLines.Length];
        Parallel.For(
            0,
            (runLines.Length + LinesPerTask - 1) / LinesPerTask,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree },
            [MethodImpl(MethodImplFlags.AggressiveOptimization)] (int chunk) =>
            {
                for (var i = chunk * LinesPerTask; i < Math.Min(runLines.Length, (chunk + 1) * LinesPerTask); i++)
                {
                    parsed[i] = heads is not null && i < header.Runs
                        ? IndexedRun.Unread(heads.Ids[i], heads.HasFolder(i), heads.IsLive(i), lines.Memory(runLines[i]))
                        : TryReadRun(lines.Memory(runLines[i]));
                }
            });

        var runs = new Dictionary<string, IndexedRun>(runLines.Length, StringComparer.Ordinal);
        var next = 0;
        for (; next < header.Runs; next++)
        {
            if (parsed[next] is not { } run || runs.ContainsKey(run.Id))
            {
                unusable = $"line {runLines[next] + 1} is torn or invalid";
                return null;
            }

            runs.Add(run.Id, run);
        }

        var batches = header.Batches;
        foreach (var segment in segments)
        {
            for (var end = next + segment.Count; next < end; next++)
            {
                if (parsed[next] is not { } run)
                {
                    unusable = $"line {runLines[next] + 1} is torn or invalid";
                    return null;
                }

                runs[run.Id] = run;
            }

            if (runs.Count != segment.Line.Runs)
            {
                unusable = $"the segment ending at line {segment.First + segment.Count + 1} leaves {runs.Count} runs, not {segment.Line.Runs}";
                return null;
            }

            batches = segment.Line.Batches;
        }

        // A base written by an earlier version, or whose heads did not read, gets them now: its next listings find its
        // lines by them. Listings hold the index's lock, as whoever writes the snapshot does.
        if (heads is null && header.Version == IndexHeader.CurrentVersion && header.Generation is { } unheaded)
        {
            RunHeads.TryWrite(path, unheaded, firstLine + 1, Enumerable.Range(0, (int)header.Runs).Select(i => (parsed[i]!.Id, parsed[i]!.HasFolder, parsed[i]!.Live, lines.Span(runLines[i]).Length)).ToList());
        }

        unusable = null;
        var baseBytes = lines.End(baseEnd - 1);
        var appendedBytes = (segments.Count == 0 ? baseBytes : lines.End(segments[segments.Count - 1].First + segments[segments.Count - 1].Count)) - baseBytes;
        return new IndexSnapshot(header.Version, batches.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), runs, baseBytes, appendedBytes, header.Generation, bytes) { BaseFromHeads = heads is not null };
    }

    /// <summary>
    /// Writes the runs of <paramref name="pass"/> and its batch positions: as a segment appended to
    /// <paramref name="previous"/> when it was read from this file and may grow, else as a whole new snapshot.
    /// </summary>
    /// <returns>The snapshot as the file now holds it, as <see cref="TryRead"/> would read it back.</returns>
    /// <param name="path">The snapshot file.</param>
    /// <param name="previous">The snapshot the runs were listed from.</param>
    /// <param name="pass">
    /// The listing's pass: every run in id order, the same runs by id (the snapshot keeps that dictionary instead of
    /// building another of every run), how far each batch file is taken in, whether runs left the store (the snapshot is
    /// then written whole) and the runs it changed.
    /// </param>
    public static IndexSnapshot Write(string path, IndexSnapshot previous, IndexPass pass)
    {
        var (runs, byId, batches) = (pass.Runs, pass.RunsById, pass.Batches);

        // A base without a generation (written before generations existed) is written whole once, to get one.
        if (previous.Version == IndexHeader.CurrentVersion && previous.Generation is not null && !pass.Removed && TryAppend(path, previous, pass) is { } appended)
        {
            return appended;
        }

        var lines = runs.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree).Select(r => r.Line ??= IndexLineCodec.WriteRun(r)).ToArray();
        // A new generation: no line of the file written before stays where it was.
        var generation = Guid.NewGuid().ToString("N");
        var header = IndexLineCodec.WriteHeader(new IndexHeader(IndexHeader.CurrentVersion, runs.Count, batches, generation));
        AtomicFile.Write(
            path,
            stream =>
            {
                SnapshotLines.Write(stream, header);
                foreach (var line in lines)
                {
                    SnapshotLines.Write(stream, line);
                }
            },
            durable: false);
        RunHeads.TryWrite(path, generation, header.Length + 1, lines);
        return AsWritten(byId, batches, header.Length + 1 + lines.Sum(l => (long)l.Length + 1), appendedBytes: 0, generation, read: null);
    }

    private static IndexSnapshot AsWritten(Dictionary<string, IndexedRun> byId, IReadOnlyDictionary<string, BatchFilePosition> batches, long baseBytes, long appendedBytes, string? generation, SnapshotFileBytes? read) =>
        new(IndexHeader.CurrentVersion, batches.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), byId, baseBytes, appendedBytes, generation, read);

    /// <summary>Writes an index of no runs where there is no index yet; a failure only means the first listing builds it.</summary>
    public static void TryCreateEmpty(IStoreFileSystem fs, StoreLayout layout)
    {
        var files = new IndexFiles(layout);
        try
        {
            fs.CreateDirectory(files.Directory);
            var header = IndexLineCodec.WriteHeader(new IndexHeader(IndexHeader.CurrentVersion, 0, new Dictionary<string, BatchFilePosition>()));
            fs.TryCreateNew(files.SnapshotPath, header.Concat(new[] { (byte)'\n' }).ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The first listing builds the index instead, and says so.
        }
    }

    /// <summary>Appends the runs whose lines changed as one segment; false when the snapshot is better written whole.</summary>
    /// <returns>The snapshot after the append, or null when the base must be written whole instead.</returns>
    private static IndexSnapshot? TryAppend(string path, IndexSnapshot previous, IndexPass pass)
    {
        var (runs, byId, batches) = (pass.Runs, pass.RunsById, pass.Batches);

        // The runs read since (a test run's 2,000 results) are written on every core, in id order. A pass from the
        // listing before changed only the runs it names (every other run's line is the one listed then).
        var written = (pass.Changes?.Since is not null ? pass.Changes.Listed() : runs).Where(r => r.Line is null).ToList();
        var lines = written.Count < 64
            ? written.Select(IndexLineCodec.WriteRun).ToArray()
            : written.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree).Select(IndexLineCodec.WriteRun).ToArray();
        var changed = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < written.Count; i++)
        {
            var run = written[i];
            var line = lines[i];
            if (pass.Changes?.IndexedLine(run.Id) is { } old && old.Span.SequenceEqual(line))
            {
                // Read again (journaled, or live) but the same as indexed: nothing to append for it.
                run.Line = old;
                continue;
            }

            run.Line = line;
            changed.Add(line);
        }

        if (changed.Count == 0 && SamePositions(previous.Batches, batches))
        {
            return AsWritten(byId, batches, previous.BaseBytes, previous.AppendedBytes, previous.Generation, previous.Read);
        }

        var segment = IndexLineCodec.WriteSegment(new IndexSegment(changed.Count, runs.Count, batches));
        var appended = changed.Sum(l => (long)l.Length + 1) + segment.Length + 1;
        if ((previous.AppendedBytes + appended) * CompactionDivisor > previous.BaseBytes)
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);

            // Cuts off what a process that died while appending left after the last whole segment.
            stream.SetLength(previous.BaseBytes + previous.AppendedBytes);
            stream.Seek(0, SeekOrigin.End);
            foreach (var line in changed)
            {
                SnapshotLines.Write(stream, line);
            }

            SnapshotLines.Write(stream, segment);
            return AsWritten(byId, batches, previous.BaseBytes, previous.AppendedBytes + appended, previous.Generation, previous.Read);
        }
        catch (FileNotFoundException)
        {
            // Deleted by a writer that could not journal: the whole snapshot is written again.
            return null;
        }
    }

    /// <summary>The whole segments after the base, or null (with the reason) when one does not add up.</summary>
    private static List<SegmentLines>? ReadSegments(SnapshotLines lines, int baseEnd, out string? unusable)
    {
        var segments = new List<SegmentLines>();
        var first = baseEnd;
        for (var i = baseEnd; i < lines.Count; i++)
        {
            if (!IndexLineCodec.IsSegment(lines.Span(i)))
            {
                continue;
            }

            IndexSegment segment;
            try
            {
                segment = IndexLineCodec.ReadSegment(lines.Span(i));
            }
            catch (Exception ex) when (IndexLineCodec.IsUnreadable(ex))
            {
                unusable = $"line {i + 1} is torn or invalid";
                return null;
            }

            if (segment.Lines != i - first)
            {
                unusable = $"the segment ending at line {i + 1} counts {segment.Lines} runs, not {i - first}";
                return null;
            }

            segments.Add(new SegmentLines(first, i - first, segment));
            first = i + 1;
        }

        unusable = null;
        return segments;
    }

    /// <summary>Whether two sets of batch file positions name the same files at the same positions.</summary>
    public static bool SamePositions(IReadOnlyDictionary<string, BatchFilePosition> a, IReadOnlyDictionary<string, BatchFilePosition> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && other == p.Value);

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static IndexedRun? TryReadRun(ReadOnlyMemory<byte> line)
    {
        try
        {
            return IndexLineCodec.ReadRunHead(line);
        }
        catch (Exception ex) when (IndexLineCodec.IsUnreadable(ex))
        {
            return null;
        }
    }

    /// <summary>The run lines of one appended segment: <see cref="Count"/> lines from <see cref="First"/>, then its last line.</summary>
    private sealed record SegmentLines(int First, int Count, IndexSegment Line);
}
