using Wandb.Environment;
using Wandb.Reports;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Storage.Index;

[TestClass]
public sealed class RunIndexTests
{
    private const string BatchWriterId = "logger01";

    [TestMethod]
    public void A_new_store_lists_through_its_index_without_reporting_a_rebuild_and_keeps_one_line_per_run()
    {
        using var store = new TempStore();
        var ids = Enumerable.Range(0, 3).Select(i => store.AddRun("g", "run" + i)).ToList();

        var reader = store.Reader();
        CollectionAssert.AreEquivalent(ids, reader.ListRuns().Select(r => r.Id).ToList());

        Assert.IsNull(reader.IndexRebuildReason);
        var lines = File.ReadAllLines(SnapshotPath(store));
        StringAssert.Contains(lines[0], "\"format\":\"wandb-run-index\"");
        StringAssert.Contains(lines[0], "\"version\":2");
        Assert.HasCount(4, lines, "a header and one line per run");
    }

    [TestMethod]
    public void A_store_read_ahead_while_its_folder_is_still_empty_reports_no_rebuild_once_runs_arrive()
    {
        // An empty folder made beforehand, as a CI job makes its WANDB_DIR; the test logger reads the store ahead at the
        // session's start, before its first results are written.
        using var store = new TempStore();
        Assert.IsFalse(Directory.EnumerateFileSystemEntries(store.Root).Any());
        var reader = store.Reader();
        reader.Prepare(Array.Empty<string>(), ReportOptions.DefaultMaxDetailRuns);
        using (var writer = BatchWriter(store))
        {
            writer.Append(BatchRecords.Fold("batched1", 1, BatchWriterId));
        }

        var result = ReportWriter.WriteAll(reader, new ReportOptions { Html = false });

        Assert.IsNull(reader.IndexRebuildReason);
        Assert.IsFalse(result.ConsoleLines.Any(l => l.Contains("rebuilt", StringComparison.Ordinal)), string.Join("\n", result.ConsoleLines));
        CollectionAssert.AreEqual(new[] { "batched1" }, reader.ListRuns().Select(r => r.Id).ToList());
    }

    [TestMethod]
    public void Listing_through_the_index_reads_back_every_field_as_reading_every_run_file_does()
    {
        using var store = new TempStore();
        store.AddRun("g", "plain", summary: new Dictionary<string, object?> { ["acc"] = 0.5, ["label"] = "x", ["n"] = 3L });
        store.AddRun("g", "failed", config: new Dictionary<string, object?> { ["lr"] = 0.1, ["layers"] = new List<object?> { 1L, 2L } }, exitCode: 2, tags: new[] { "a", "b" }, notes: "n");
        store.AddRun(null, "logged", log: run => run.Log(new Dictionary<string, double> { ["loss"] = double.NaN, ["acc"] = 1e-300 }));
        using (var writer = BatchWriter(store))
        {
            writer.Append(BatchRecords.Fold("batched1", 1, BatchWriterId));
            writer.Append(BatchRecords.Fold("batched2", 2, BatchWriterId, state: "failed"));
        }

        store.Reader().ListRuns().ToList();
        var indexed = FullScan.Listing(store.Reader());

        CollectionAssert.AreEqual(FullScan.Of(store.Root), indexed);
        Assert.HasCount(5, indexed);
    }

    [TestMethod]
    public void A_run_attached_to_and_finished_again_after_it_was_indexed_reads_with_its_new_rows_and_state()
    {
        using var store = new TempStore();
        var id = store.AddRun("g", "resumed", log: run => run.Log(new Dictionary<string, double> { ["loss"] = 1 }));
        Assert.AreEqual(1, store.Reader().GetRun(id)!.HistoryRows);
        Assert.AreEqual(RunState.Finished, store.Runs().Single().State);

        using (var attached = store.Init(new RunOptions { Id = id, Resume = ResumeMode.Allow }))
        {
            attached.Log(new Dictionary<string, double> { ["loss"] = 0.5 });
            Assert.AreEqual(RunState.Running, store.Runs().Single().State, "the attach is journaled, so the index reads the run again");
            attached.Finish(3);
        }

        var run = store.Runs().Single();
        Assert.AreEqual(RunState.Failed, run.State);
        Assert.AreEqual(2, run.HistoryRows);
        Assert.AreEqual(0.5, run.Summary["loss"]);
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    public void Records_appended_to_a_batch_file_after_it_was_indexed_are_read_from_where_the_index_stopped()
    {
        using var store = new TempStore();
        using (var writer = BatchWriter(store))
        {
            writer.Append(BatchRecords.Fold("batched1", 1, BatchWriterId, state: "running"));
        }

        Assert.HasCount(1, store.Runs());
        using (var writer = BatchWriter(store))
        {
            writer.Append(BatchRecords.Fold("batched1", 1, BatchWriterId, state: "failed"));
            writer.Append(BatchRecords.Fold("batched2", 2, BatchWriterId));
        }

        var runs = store.Runs();
        CollectionAssert.AreEqual(new[] { "batched1", "batched2" }, runs.Select(r => r.Id).ToList());
        Assert.AreEqual(RunState.Failed, runs[0].State, "a later record of the same writer replaces the indexed one");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    public void Deleting_the_index_rebuilds_it_from_the_run_files_and_the_reports_say_so()
    {
        using var store = new TempStore();
        var ids = Enumerable.Range(0, 3).Select(i => store.AddRun("g", "run" + i)).ToList();
        var before = FullScan.Listing(store.Reader());
        Directory.Delete(Path.Combine(store.Root, "index"), recursive: true);

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false }, SystemClock.Instance, store.Output);

        var line = result.ConsoleLines.Single(l => l.Contains("run index rebuilt", StringComparison.Ordinal));
        StringAssert.Contains(line, "there was none");
        CollectionAssert.AreEqual(before, FullScan.Listing(store.Reader()));
        Assert.IsFalse(ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false }, SystemClock.Instance, store.Output).ConsoleLines.Any(l => l.Contains("run index", StringComparison.Ordinal)), "the next refresh uses the rebuilt index");
        Assert.HasCount(ids.Count + 1, File.ReadAllLines(SnapshotPath(store)));
    }

    [TestMethod]
    [DataRow("truncated", "truncated")]
    [DataRow("torn line", "is torn or invalid")]
    [DataRow("garbage header", "header is unreadable")]
    [DataRow("older version", "version 0")]
    [DataRow("empty file", "header is unreadable")]
    public void A_damaged_index_is_rebuilt_with_the_same_runs_and_the_reason(string damage, string reason)
    {
        using var store = new TempStore();
        for (var i = 0; i < 3; i++)
        {
            store.AddRun("g", "run" + i);
        }

        var before = FullScan.Listing(store.Reader());
        var path = SnapshotPath(store);
        var lines = File.ReadAllLines(path);
        File.WriteAllText(path, damage switch
        {
            "truncated" => string.Join("\n", lines.Take(3)) + "\n",
            "torn line" => string.Join("\n", lines.Take(2)) + "\n" + lines[2].Substring(0, lines[2].Length / 2) + "\n" + lines[3] + "\n",
            "garbage header" => "not json\n" + string.Join("\n", lines.Skip(1)) + "\n",
            "older version" => lines[0].Replace("\"version\":2", "\"version\":0", StringComparison.Ordinal) + "\n" + string.Join("\n", lines.Skip(1)) + "\n",
            _ => string.Empty,
        });

        var reader = store.Reader();
        var after = FullScan.Listing(reader);

        CollectionAssert.AreEqual(before, after);
        StringAssert.Contains(reader.IndexRebuildReason, reason);
        Assert.IsNull(ListAgain(store), "the rebuilt index is used as it is next time");
    }

    [TestMethod]
    public void Retention_deleting_runs_drops_them_from_the_index()
    {
        using var store = new TempStore();
        var kept = store.AddRun("new", "kept");
        var deleted = store.AddRun("old", "deleted");
        Assert.HasCount(2, store.Runs());

        var gone = store.Reader().DeleteRuns(new[] { deleted }, store.Output);

        CollectionAssert.AreEqual(new[] { deleted }, gone.ToList());
        CollectionAssert.AreEqual(new[] { kept }, store.Runs().Select(r => r.Id).ToList());
        var snapshot = File.ReadAllText(SnapshotPath(store));
        Assert.DoesNotContain(deleted, snapshot);
        Assert.Contains(kept, snapshot);
    }

    [TestMethod]
    public void A_run_folder_no_writer_journaled_is_found_by_the_next_listing()
    {
        using var store = new TempStore();
        store.AddRun("g", "first");
        Assert.HasCount(1, store.Runs());

        // As a writer of a version without the index leaves it, or one killed before it journaled.
        var hidden = store.AddRun("g", "second");
        Directory.Delete(Path.Combine(store.Root, "index", "touched"), recursive: true);

        CollectionAssert.Contains(store.Runs().Select(r => r.Id).ToList(), hidden);
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    public void A_journal_line_cut_by_a_killed_writer_is_skipped_and_the_runs_it_names_are_still_read()
    {
        using var store = new TempStore();
        var id = store.AddRun("g", "first");
        Assert.HasCount(1, store.Runs());
        var touched = Path.Combine(store.Root, "index", "touched");
        Directory.CreateDirectory(touched);
        File.WriteAllText(Path.Combine(touched, "deadbeef.ids"), id + "\n" + id.Substring(0, 3));
        File.WriteAllText(Path.Combine(touched, "deadbeef.k1k1k1k1.taken"), "\u0000\u0000" + id);

        CollectionAssert.AreEqual(new[] { id }, store.Runs().Select(r => r.Id).ToList());

        Assert.IsEmpty(Directory.GetFiles(touched), "consumed journals are deleted once the snapshot holds their runs");
        Assert.IsEmpty(store.Output.Warnings);
    }

    [TestMethod]
    public void A_store_whose_index_cannot_be_written_warns_once_with_WANDB012_and_still_lists_every_run()
    {
        using var store = new TempStore();
        var ids = Enumerable.Range(0, 2).Select(i => store.AddRun("g", "run" + i)).ToList();
        Directory.Delete(Path.Combine(store.Root, "index"), recursive: true);

        // A file where the index folder belongs: nothing can be created under it, as on a read-only store.
        File.WriteAllText(Path.Combine(store.Root, "index"), "not a folder");
        var reader = store.Reader();

        CollectionAssert.AreEquivalent(ids, reader.ListRuns().Select(r => r.Id).ToList());
        CollectionAssert.AreEquivalent(ids, reader.ListRuns().Select(r => r.Id).ToList());
        Assert.AreEqual(1, store.Output.Warnings.Count(w => w.Code == "WANDB012"));
        Assert.IsNull(reader.IndexRebuildReason);
    }

    [TestMethod]
    public void A_store_written_before_the_index_existed_lists_the_same_and_gets_an_index()
    {
        using var store = new TempStore();
        store.AddRun("g", "a");
        store.AddRun("g", "b");
        var reference = FullScan.Of(store.Root);
        Directory.Delete(Path.Combine(store.Root, "index"), recursive: true);

        CollectionAssert.AreEqual(reference, FullScan.Listing(store.Reader()));
        Assert.IsTrue(File.Exists(SnapshotPath(store)));
    }

    private static string? ListAgain(TempStore store)
    {
        var reader = store.Reader();
        reader.ListRuns().ToList();
        return reader.IndexRebuildReason;
    }

    private static string SnapshotPath(TempStore store) => Path.Combine(store.Root, "index", "runs.v1.jsonl");

    private static FolderRunBatchWriter BatchWriter(TempStore store) => new(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), BatchWriterId);
}
