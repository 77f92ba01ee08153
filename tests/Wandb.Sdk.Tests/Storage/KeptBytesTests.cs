using System.Text;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Reports;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>
/// Bytes made ahead of a report and kept in a nameless file (<see cref="KeptBytes"/>) land in the report's file exactly as
/// written from memory would, at the report's place in it, however often they are written; and the files they are kept in
/// are closed once the report that used them is written.
/// </summary>
[TestClass]
public sealed class KeptBytesTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{{\"run\": \"r{i}\", \"name\": \"résumé ✓ 😀\"}},\n")));

    [TestMethod]
    public void Kept_bytes_are_written_at_the_file_s_position_between_what_comes_before_and_after_them()
    {
        using var folder = new TempFolder("kept");
        using var kept = KeptBytes.Keep(Content, folder.Path);
        if (FileRangeCopy.IsAvailable)
        {
            Assert.IsTrue(kept.InFile, "on Linux the bytes are kept in a file");
            Assert.IsEmpty(Directory.GetFiles(folder.Path), "whose name is gone at once");
        }

        var path = Path.Combine(folder.Path, "report.json");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(new byte[] { (byte)'[' }, 0, 1);
            kept.WriteTo(file);
            Assert.AreEqual(1 + Content.Length, file.Position, "the stream's position moved past the bytes");
            kept.WriteTo(file);
            file.Write(new byte[] { (byte)']' }, 0, 1);
        }

        var expected = new[] { (byte)'[' }.Concat(Content).Concat(Content).Concat(new[] { (byte)']' }).ToArray();
        CollectionAssert.AreEqual(expected, File.ReadAllBytes(path), "the same bytes, twice, in order");
    }

    [TestMethod]
    public void Kept_bytes_reach_a_file_on_another_file_system_through_memory()
    {
        // The kernel copies only within one file system: a report folder elsewhere (ReportOptions.OutputDirectory) gets
        // the bytes through memory. /dev/shm is a memory file system beside the temporary folder's disk.
        var other = Path.Combine("/dev/shm", "wandb-kept-" + Guid.NewGuid().ToString("N"));
        if (!FileRangeCopy.IsAvailable || !Directory.Exists("/dev/shm"))
        {
            Assert.Inconclusive("Needs Linux and /dev/shm.");
        }

        using var folder = new TempFolder("kept");
        using var kept = KeptBytes.Keep(Content, folder.Path);
        try
        {
            using (var file = new FileStream(other, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(new byte[] { (byte)'[' }, 0, 1);
                kept.WriteTo(file);
                file.Write(new byte[] { (byte)']' }, 0, 1);
            }

            CollectionAssert.AreEqual(new[] { (byte)'[' }.Concat(Content).Concat(new[] { (byte)']' }).ToArray(), File.ReadAllBytes(other));
        }
        finally
        {
            File.Delete(other);
        }
    }

    [TestMethod]
    public void Kept_bytes_go_to_a_stream_that_is_not_a_file_and_read_back_the_same()
    {
        using var folder = new TempFolder("kept");
        using var kept = KeptBytes.Keep(Content, folder.Path);
        var memory = new MemoryStream();

        kept.WriteTo(memory);

        CollectionAssert.AreEqual(Content, memory.ToArray());
        CollectionAssert.AreEqual(Content, kept.ToArray());
    }

    [TestMethod]
    public void Without_a_folder_the_bytes_stay_in_memory_and_write_the_same()
    {
        using var kept = KeptBytes.Keep(Content, directory: null);
        var memory = new MemoryStream();

        kept.WriteTo(memory);

        Assert.IsFalse(kept.InFile);
        CollectionAssert.AreEqual(Content, memory.ToArray());
    }

    [TestMethod]
    public void A_raw_value_kept_as_bytes_writes_what_the_text_writes_to_a_file_and_to_a_text_writer()
    {
        using var folder = new TempFolder("kept");
        var text = "{\"name\": \"résumé ✓ 😀\", \"loss\": 0.25}";
        using var kept = KeptBytes.Keep(Encoding.UTF8.GetBytes(text), folder.Path);

        string Written(Action<JsonWriter, TextWriter> value)
        {
            var path = Path.Combine(folder.Path, Guid.NewGuid().ToString("N") + ".json");
            AtomicFile.Write(path, writer =>
            {
                using var json = JsonConventions.CreateWriter(writer, Formatting.Indented);
                json.WriteStartArray();
                json.WriteRawValue("1");
                value(json, writer);
                json.WriteRawValue("2");
                json.WriteEndArray();
            });
            return File.ReadAllText(path);
        }

        var expected = Written((json, _) => json.WriteRawValue(text));
        Assert.AreEqual(expected, Written((json, writer) => RawUtf8Value.Write(json, writer, kept)), "into a report file");
        var buffer = new StringWriter();
        using (var json = JsonConventions.CreateWriter(buffer, Formatting.Indented))
        {
            json.WriteStartArray();
            json.WriteRawValue("1");
            RawUtf8Value.Write(json, buffer, kept);
            json.WriteRawValue("2");
            json.WriteEndArray();
        }

        Assert.AreEqual(expected, buffer.ToString(), "into a text writer, decoded");
    }

    [TestMethod]
    public void The_files_a_read_ahead_keeps_runs_json_entries_in_are_closed_once_the_report_is_written()
    {
        if (!FileRangeCopy.IsAvailable || !Directory.Exists("/proc/self/fd"))
        {
            Assert.Inconclusive("Entries are kept in files only where the kernel copies between files (Linux).");
        }

        using var store = new TempStore();
        for (var i = 0; i < 6; i++)
        {
            store.AddRun("old", "résumé ✓ " + i, new Dictionary<string, object?> { ["loss"] = 0.1 * i });
        }

        var prepared = store.Reader();
        ReportReadAhead.Prepare(prepared, new[] { "build" }, maxDetailRuns: 100);
        var report = ReportWriter.DefaultDirectory(prepared);
        Assert.HasCount(1, DeletedFilesOpenUnder(report), "the read-ahead kept the entries of the six runs in a nameless file beside the reports");
        store.AddRun("build", "new", new Dictionary<string, object?> { ["loss"] = 0.05 });

        var clock = new ManualClock(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var written = ReportWriter.WriteAll(prepared, new ReportOptions { FocusGroups = { "build" } }, clock);

        Assert.IsEmpty(DeletedFilesOpenUnder(report), "the report closed it");
        var runs = File.ReadAllText(written.JsonPath!);
        StringAssert.Contains(runs, "résumé ✓ 5", "the kept entries are in runs.json");
        var unprepared = ReportWriter.WriteAll(store.Reader(), new ReportOptions { FocusGroups = { "build" }, OutputDirectory = Path.Combine(store.Root, "unprepared") }, clock);
        Assert.AreEqual(File.ReadAllText(unprepared.JsonPath!), runs, "the same runs.json as a report without a read-ahead");
    }

    /// <summary>Open files of this process under <paramref name="folder"/> whose name is gone.</summary>
    private static List<string> DeletedFilesOpenUnder(string folder)
    {
        var targets = new List<string>();
        foreach (var descriptor in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && target.EndsWith(" (deleted)", StringComparison.Ordinal))
                {
                    targets.Add(target);
                }
            }
            catch (IOException)
            {
                // A descriptor closed while the folder was listed.
            }
        }

        return targets;
    }
}
