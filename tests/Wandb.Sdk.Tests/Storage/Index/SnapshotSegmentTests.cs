using System.Text;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// The snapshot's appended segments (docs/store-format.md, "The run index"): runs that change after the snapshot
/// was written whole are appended with a last line that counts them, a segment cut short is ignored and written
/// over, one that does not add up rebuilds the index, and the snapshot is written whole again once segments
/// outgrow a quarter of it.
/// </summary>
[TestClass]
public sealed class SnapshotSegmentTests
{
    private const int BaseRuns = 12;

    [TestMethod]
    public void Runs_added_to_an_indexed_store_are_appended_as_a_segment_and_the_base_is_left_as_it_was()
    {
        using var store = StoreWithBase();
        var before = File.ReadAllBytes(SnapshotPath(store));

        var added = store.AddRun("g", "added");
        var reader = store.Reader();
        var listed = FullScan.Listing(reader);

        var after = File.ReadAllBytes(SnapshotPath(store));
        CollectionAssert.AreEqual(before, after.Take(before.Length).ToArray(), "the base and header are not rewritten");
        var appended = Lines(after.Skip(before.Length).ToArray());
        Assert.HasCount(2, appended, "the run's line, then the segment's last line");
        StringAssert.StartsWith(appended[0], "{\"id\":\"" + added + "\"");
        StringAssert.StartsWith(appended[1], "{\"segment\":1,\"runs\":" + (BaseRuns + 1) + ",");
        Assert.IsNull(reader.IndexRebuildReason);
        CollectionAssert.AreEqual(FullScan.Of(store.Root), listed);
        CollectionAssert.AreEqual(listed, FullScan.Listing(store.Reader()), "the segment reads back");
    }

    [TestMethod]
    public void A_run_changed_after_it_was_indexed_is_appended_and_its_latest_line_wins()
    {
        using var store = StoreWithBase();
        var id = store.Runs()[3].Id;

        using (var attached = store.Init(new RunOptions { Id = id, Resume = ResumeMode.Allow }))
        {
            attached.Log(new Dictionary<string, double> { ["loss"] = 0.25 });
            attached.Finish(4);
        }

        var listed = FullScan.Listing(store.Reader());

        Assert.AreEqual(RunState.Failed, store.Runs().Single(r => r.Id == id).State);
        Assert.AreEqual(1, SegmentLines(store), "appended, not rewritten");
        Assert.HasCount(BaseRuns, listed, "the appended line replaces the base's, it does not add a run");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), listed);
    }

    [TestMethod]
    public void A_segment_cut_short_by_a_dying_lister_is_ignored_its_runs_are_read_again_and_the_next_append_writes_over_it()
    {
        using var store = StoreWithBase();
        var path = SnapshotPath(store);
        var before = File.ReadAllBytes(path);
        var added = store.AddRun("g", "added");
        var journals = Directory.GetFiles(JournalFolder(store)).ToDictionary(f => f, File.ReadAllBytes);
        store.Runs();

        // As a lister killed after writing the run's line but before the segment's last line: its journals
        // were not consumed yet, and the tail holds a whole run line and half of the last line.
        var written = File.ReadAllBytes(path);
        var segmentLine = Lines(written.Skip(before.Length).ToArray())[1];
        File.WriteAllBytes(path, written.Take(written.Length - 1 - (segmentLine.Length / 2)).ToArray());
        foreach (var (file, content) in journals)
        {
            File.WriteAllBytes(file, content);
        }

        var reader = store.Reader();
        var listed = FullScan.Listing(reader);

        Assert.IsNull(reader.IndexRebuildReason, "a torn append is not damage");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), listed);
        CollectionAssert.Contains(store.Runs().Select(r => r.Id).ToList(), added);
        var after = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(before, after.Take(before.Length).ToArray());
        Assert.HasCount(2, Lines(after.Skip(before.Length).ToArray()), "the torn tail was cut off before the new segment");
        Assert.AreEqual(1, SegmentLines(store));
    }

    [TestMethod]
    public void A_segment_whose_count_does_not_add_up_is_damage_and_the_index_is_rebuilt_with_the_same_runs()
    {
        using var store = StoreWithBase();
        store.AddRun("g", "added");

        var reason = RebuildReasonAfterEditing(store, "{\"segment\":1,", "{\"segment\":2,");

        StringAssert.Contains(reason, "counts 2 runs, not 1");
        Assert.AreEqual(0, SegmentLines(store), "a rebuild writes the snapshot whole");
    }

    [TestMethod]
    public void Once_segments_outgrow_a_quarter_of_the_base_the_snapshot_is_written_whole_again()
    {
        using var store = StoreWithBase();
        var segments = new List<int>();
        var added = 0;
        while (segments.Count < 2 || segments[segments.Count - 1] != 0)
        {
            Assert.IsLessThan(10, added, "compacted within ten appends: " + string.Join(",", segments));
            store.AddRun("g", "added" + added++);
            CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()));
            segments.Add(SegmentLines(store));
        }

        // A run's line is about a twelfth of a base of twelve runs: a few appends fit in a quarter of it.
        CollectionAssert.AreEqual(Enumerable.Range(1, segments.Count - 1).Append(0).ToList(), segments, string.Join(",", segments));
        Assert.IsGreaterThanOrEqualTo(3, segments.Count);
        var lines = File.ReadAllLines(SnapshotPath(store));
        StringAssert.Contains(lines[0], "\"runs\":" + (BaseRuns + added) + ",");
        Assert.HasCount(BaseRuns + added + 1, lines, "a header and one line per run, nothing appended");
    }

    [TestMethod]
    public void A_snapshot_of_version_1_is_read_as_it_is_and_written_whole_as_version_2_when_a_run_changes()
    {
        using var store = StoreWithBase();
        var path = SnapshotPath(store);
        var listed = FullScan.Listing(store.Reader());
        var lines = File.ReadAllLines(path);
        File.WriteAllText(path, lines[0].Replace("\"version\":2", "\"version\":1", StringComparison.Ordinal) + "\n" + string.Join("\n", lines.Skip(1)) + "\n");

        var reader = store.Reader();
        CollectionAssert.AreEqual(listed, FullScan.Listing(reader));
        Assert.IsNull(reader.IndexRebuildReason, "version 1 is the base alone, which version 2 reads");

        store.AddRun("g", "added");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()));
        StringAssert.Contains(File.ReadAllLines(path)[0], "\"version\":2");
        Assert.AreEqual(0, SegmentLines(store), "a version 1 file is not appended to: a reader of version 1 would take the segment for damage");
    }

    [TestMethod]
    public void A_snapshot_of_a_newer_version_is_rebuilt_and_the_reason_names_both_versions()
    {
        using var store = StoreWithBase();

        var reason = RebuildReasonAfterEditing(store, "\"version\":2", "\"version\":3");

        StringAssert.Contains(reason, "it is of version 3, this version of Wandb.Sdk reads version 2");
    }

    private static TempStore StoreWithBase()
    {
        var store = new TempStore();
        for (var i = 0; i < BaseRuns; i++)
        {
            store.AddRun("g", "run" + i, config: new Dictionary<string, object?> { ["lr"] = 0.1 * i, ["seed"] = (long)i });
        }

        Assert.HasCount(BaseRuns, store.Runs());
        Assert.AreEqual(0, SegmentLines(store), "the first listing of a new store writes the snapshot whole");
        return store;
    }

    /// <summary>Edits the snapshot's text, lists, checks the listing is still the store's, and returns why the index was rebuilt.</summary>
    private static string? RebuildReasonAfterEditing(TempStore store, string text, string replacement)
    {
        var listed = FullScan.Listing(store.Reader());
        var path = SnapshotPath(store);
        File.WriteAllText(path, File.ReadAllText(path).Replace(text, replacement, StringComparison.Ordinal));

        var reader = store.Reader();

        CollectionAssert.AreEqual(listed, FullScan.Listing(reader));
        return reader.IndexRebuildReason;
    }

    private static int SegmentLines(TempStore store) => File.ReadAllLines(SnapshotPath(store)).Count(l => l.StartsWith("{\"segment\":", StringComparison.Ordinal));

    private static List<string> Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string SnapshotPath(TempStore store) => Path.Combine(store.Root, "index", "runs.v1.jsonl");

    private static string JournalFolder(TempStore store) => Path.Combine(store.Root, "index", "touched");
}
