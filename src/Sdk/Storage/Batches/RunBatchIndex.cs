using Newtonsoft.Json;
using Wandb.Diagnostics;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Batches;

/// <summary>
/// Every run recorded in the batch files of a folder store (<c>batches/*.runs.jsonl</c>), read in one pass.
/// Reading a few large files is what makes a store of thousands of test results quick to list.
/// </summary>
internal sealed class RunBatchIndex
{
    private const int ChunkLines = 4096;

    /// <summary>How recently a batch file must have been written for a torn last line to count as a write in progress.</summary>
    private static readonly TimeSpan InProgressWindow = TimeSpan.FromSeconds(10);
    private static readonly int Parallelism = Math.Max(1, Math.Min(System.Environment.ProcessorCount, 8));
    private readonly Dictionary<string, BatchedRun> _runs = new(StringComparer.Ordinal);

    private RunBatchIndex()
    {
    }

    public static RunBatchIndex Empty { get; } = new();

    public BatchedRun? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    /// <summary>Every run id of a store whose run folders are <paramref name="folderIds"/>: each once, in ordinal order.</summary>
    public List<string> RunIdsWith(ISet<string> folderIds) =>
        folderIds.Concat(_runs.Keys.Where(id => !folderIds.Contains(id))).OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>Reads all batch files in file-name order; unreadable lines are skipped with WANDB008.</summary>
    public static RunBatchIndex Read(StoreLayout layout, IStoreFileSystem fs, IWandbOutput output)
    {
        var files = fs.EnumerateFiles(layout.BatchesDirectory, "*" + StoreLayout.BatchSuffix).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return Empty;
        }

        var index = new RunBatchIndex();
        foreach (var file in files)
        {
            try
            {
                index.ReadFile(file, fs, output);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.Warning(WarningCodes.UnreadableRunFile, $"Skipped the batch file {file} ({ex.Message}).");
            }
        }

        return index;
    }

    private void ReadFile(string path, IStoreFileSystem fs, IWandbOutput output)
    {
        var skipped = 0;
        long firstSkipped = 0;
        long lastSkipped = 0;
        long lineNumber = 0;
        using var stream = fs.OpenRead(path);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var chunk = new List<string>(ChunkLines);
        while (true)
        {
            chunk.Clear();
            string? line;
            while (chunk.Count < ChunkLines && (line = reader.ReadLine()) is not null)
            {
                chunk.Add(line);
            }

            if (chunk.Count == 0)
            {
                break;
            }

            // Parsing is the cost of listing a large store, and each line stands alone: parse a chunk on every
            // core, then apply the records in file order so a later record still replaces an earlier one.
            var records = chunk.Count < 64
                ? chunk.Select(TryParse).ToArray()
                : chunk.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism).Select(TryParse).ToArray();
            for (var i = 0; i < records.Length; i++)
            {
                lineNumber++;
                var record = records[i];
                if (record is null)
                {
                    if (chunk[i].Length > 0)
                    {
                        if (skipped++ == 0)
                        {
                            firstSkipped = lineNumber;
                        }

                        lastSkipped = lineNumber;
                    }

                    continue;
                }

                if (!_runs.TryGetValue(record.Run.Id, out var run))
                {
                    run = new BatchedRun(record.Run);
                    _runs.Add(record.Run.Id, run);
                }

                run.Add(record.State);
            }
        }

        // Another test project of the same `dotnet test` may be appending to its batch file while this one
        // refreshes the reports: a last line that is still being written is not a crash, so it is skipped
        // without a warning. A torn last line that stays (a process killed mid-write) is reported once the
        // file has been left alone for a while.
        if (lastSkipped == lineNumber && lastSkipped > 0 && IsBeingWritten(path))
        {
            skipped--;
        }

        if (skipped > 0)
        {
            output.Warning(
                WarningCodes.UnreadableBatchLine,
                $"Skipped {skipped} unreadable line(s) in {path} (first at line {firstSkipped}); a process that was killed mid-write leaves a torn last line. All other runs were read.");
        }
    }

    internal static bool IsBeingWritten(string path)
    {
        try
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < InProgressWindow;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The record on the line, or null for an empty, torn or invalid line.</summary>
    internal static RunBatchRecord? TryParse(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }

        try
        {
            var record = StoreDocumentReader.ReadBatchLine(line);
            return RunId.TryValidate(record.Run.Id, out _) && record.State.Writer.Length > 0 ? record : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
