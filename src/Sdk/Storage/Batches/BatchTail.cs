using System.Text;
using Newtonsoft.Json;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Polyfills;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Batches;

/// <summary>
/// The records of the batch files past given positions: each file from the position given (a file not named
/// from its start) to its last whole line. The run index reads what was appended since it last looked; a
/// full read starts every file at 0. A last line without its newline is read but not counted as taken in,
/// so it is read again once its writer completes it.
/// </summary>
internal sealed class BatchTail
{
    /// <summary>How recently a batch file must have been written for a torn last line to count as a write in progress.</summary>
    private static readonly TimeSpan InProgressWindow = TimeSpan.FromSeconds(10);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private BatchTail()
    {
    }

    /// <summary>The new records, in file-name order and file order, so a later record of a writer replaces its earlier one.</summary>
    public List<RunBatchRecord> Records { get; } = new();

    /// <summary>How far each batch file now is taken in.</summary>
    public Dictionary<string, BatchFilePosition> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>Why what the index holds of the batch files no longer stands (a file shortened or removed), or null.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>The store's batch files, in ordinal order of their names: what a listing reads and what tells it nothing was added.</summary>
    public static List<string> Files(StoreLayout layout, IStoreFileSystem fs) =>
        fs.EnumerateFiles(layout.BatchesDirectory, "*" + StoreLayout.BatchSuffix).OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static BatchTail Read(StoreLayout layout, IStoreFileSystem fs, IReadOnlyDictionary<string, BatchFilePosition> from, IWandbOutput output)
    {
        var tail = new BatchTail();
        var files = Files(layout, fs);
        var names = new HashSet<string>(files.Select(f => Path.GetFileName(f)!), StringComparer.Ordinal);
        if (from.Keys.FirstOrDefault(name => !names.Contains(name)) is { } removed)
        {
            tail.Mismatch = $"the batch file {removed} was removed";
            return tail;
        }

        foreach (var path in files)
        {
            var name = Path.GetFileName(path)!;
            var start = from.TryGetValue(name, out var known) ? known : default;

            // A file exactly as long as the part taken in has nothing new: told from its length, as the unchanged-store
            // check does, instead of opening it. A store of 100,000 test results keeps about 500 batch files, and every
            // listing opened each of them (about 3 ms of each refresh). A file whose length cannot be told is read.
            if (start.Bytes > 0 && start.TookInAllOf(path))
            {
                tail.Positions[name] = start;
                continue;
            }

            try
            {
                if (!tail.ReadFile(path, name, start, fs, output))
                {
                    tail.Mismatch = $"the batch file {name} is shorter than the index has read";
                    return tail;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.Warning(WarningCodes.UnreadableRunFile, $"Skipped the batch file {path} ({ex.Message}).");
                tail.Positions[name] = start;
            }
        }

        return tail;
    }

    /// <returns>False when the file is shorter than the part already taken in.</returns>
    private bool ReadFile(string path, string name, BatchFilePosition start, IStoreFileSystem fs, IWandbOutput output)
    {
        byte[] bytes;
        using (var stream = fs.OpenRead(path))
        {
            var length = stream.Length;
            if (length < start.Bytes)
            {
                return false;
            }

            bytes = new byte[length - start.Bytes];
            stream.Seek(start.Bytes, SeekOrigin.Begin);
            var read = stream.ReadFully(bytes);
            if (read < bytes.Length)
            {
                Array.Resize(ref bytes, read);
            }
        }

        var lines = SplitLines(bytes, start.Bytes == 0, out var wholeBytes);
        Positions[name] = new BatchFilePosition(start.Bytes + wholeBytes, start.Lines + lines.Count - (wholeBytes < bytes.Length ? 1 : 0));
        var records = lines.Count < 64
            ? lines.Select(TryParse).ToArray()
            : lines.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree).Select(TryParse).ToArray();

        var skipped = 0;
        long firstSkipped = 0;
        var lastSkipped = -1;
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i] is { } record)
            {
                Records.Add(record);
            }
            else if (lines[i].Length > 0)
            {
                if (skipped++ == 0)
                {
                    firstSkipped = start.Lines + i + 1;
                }

                lastSkipped = i;
            }
        }

        // Another test project of the same `dotnet test` may be appending to its batch file while this one
        // refreshes the reports: a last line that is still being written is not a crash, so it is skipped
        // without a warning. A torn last line that stays (a process killed mid-write) is reported once the
        // file has been left alone for a while.
        if (lastSkipped == records.Length - 1 && lastSkipped >= 0 && IsBeingWritten(path))
        {
            skipped--;
        }

        if (skipped > 0)
        {
            output.Warning(
                WarningCodes.UnreadableBatchLine,
                $"Skipped {skipped} unreadable line(s) in {path} (first at line {firstSkipped}); a process that was killed mid-write leaves a torn last line. All other runs were read.");
        }

        return true;
    }

    /// <summary>The lines of <paramref name="bytes"/>, the last one unterminated if the file does not end in a newline.</summary>
    private static List<ReadOnlyMemory<byte>> SplitLines(byte[] bytes, bool fileStart, out long wholeBytes)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var offset = fileStart && bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        wholeBytes = 0;
        while (offset < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', offset);
            var stop = end < 0 ? bytes.Length : end;
            var length = stop - offset;
            if (length > 0 && bytes[stop - 1] == '\r')
            {
                length--;
            }

            lines.Add(new ReadOnlyMemory<byte>(bytes, offset, length));
            if (end < 0)
            {
                break;
            }

            offset = end + 1;
            wholeBytes = offset;
        }

        return lines;
    }

    private static bool IsBeingWritten(string path)
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
    /// <remarks>
    /// Read from its bytes, as the run index reads its own lines: 2,000 lines of a test run took 105 ms in a cold process
    /// with Newtonsoft's reader (a UTF-16 copy, a string per token) and 66 ms so. A line only Newtonsoft's more lenient
    /// reader takes (text that is not UTF-8, say) is read by it, so no line reads differently than before.
    /// </remarks>
    private static RunBatchRecord? TryParse(ReadOnlyMemory<byte> line)
    {
        if (line.Length == 0)
        {
            return null;
        }

        RunBatchRecord record;
        try
        {
            record = Utf8DocumentReader.ReadBatchLine(line.Span);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            try
            {
                record = StoreDocumentReader.ReadBatchLine(Utf8.GetString(line.ToArray()));
            }
            catch (Exception fallback) when (fallback is JsonException or FormatException or InvalidCastException or OverflowException)
            {
                return null;
            }
        }

        return RunId.TryValidate(record.Run.Id, out _) && record.State.Writer.Length > 0 ? record : null;
    }
}
