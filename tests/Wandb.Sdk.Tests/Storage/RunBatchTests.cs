using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class RunBatchTests
{
    private const string Writer = "logger01";
    private static readonly DateTimeOffset Start = BatchRecords.Start;

    [TestMethod]
    public void A_batched_run_reads_back_exactly_like_the_same_run_written_as_a_folder()
    {
        using var batched = new TempStore();
        using var folder = new TempStore();
        var record = Record("fold3seed2", fold: 3, summary: new Dictionary<string, object?>
        {
            ["accuracy"] = 0.875,
            ["loss"] = double.NaN,
            ["gain"] = double.NegativeInfinity,
            ["error"] = "line one\n\"quoted\" <b>",
            ["nested"] = new Dictionary<string, object?> { ["k"] = new List<object?> { 1L, "two", null } },
        });

        using (var writer = BatchWriter(batched))
        {
            writer.Append(record);
        }

        using (var writer = new PerRunBatchWriter(folder.Reader()))
        {
            writer.Append(record);
        }

        var fromBatch = batched.Reader().ListRuns().Single();
        var fromFolder = folder.Reader().ListRuns().Single();
        Assert.AreEqual(Describe(fromFolder), Describe(fromBatch));
        Assert.IsTrue(double.IsNaN((double)fromBatch.Summary["loss"]!));
        Assert.AreEqual(double.NegativeInfinity, fromBatch.Summary["gain"]);
        Assert.AreEqual(RunState.Finished, fromBatch.State);
        Assert.IsFalse(Directory.Exists(Path.Combine(batched.Root, "runs")), "a batched run needs no folder");
        Assert.AreEqual(Describe(fromFolder), Describe(batched.Reader().GetRun("fold3seed2")!));
        Assert.IsEmpty(batched.Output.Warnings);
    }

    [TestMethod]
    public void Nothing_reaches_the_file_before_a_flush_and_a_flush_is_one_append_of_whole_lines()
    {
        using var store = new TempStore();
        using var writer = BatchWriter(store);

        writer.Append(Record("aaaa0001", fold: 0));
        writer.Append(Record("aaaa0002", fold: 1));
        Assert.AreEqual(2, writer.Pending);
        Assert.IsEmpty(store.Reader().ListRuns().ToList());

        writer.Flush();

        Assert.AreEqual(0, writer.Pending);
        var lines = File.ReadAllText(Path.Combine(store.Root, "batches", Writer + ".runs.jsonl")).Split('\n');
        Assert.HasCount(3, lines, "two lines, each ending in a newline");
        Assert.AreEqual(string.Empty, lines[2]);
        CollectionAssert.AreEqual(new[] { "aaaa0001", "aaaa0002" }, store.Reader().ListRuns().Select(r => r.Id).ToList());
    }

    [TestMethod]
    public void A_line_that_is_not_strict_UTF8_JSON_still_reads_as_before()
    {
        using var store = new TempStore();
        var path = WriteTwoRecords(store);

        // Batch lines are read from their bytes; a line only the lenient reader takes, as a hand-edited file may hold
        // (a name in single quotes, a byte that is not UTF-8 inside a string), is read by it, as every line was before.
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("{\"run\":", lines[0]);
        var quoted = "{'run':" + lines[0].Substring("{\"run\":".Length);
        var at = lines[1].IndexOf("\"name\":\"", StringComparison.Ordinal) + "\"name\":\"".Length;
        var prefix = System.Text.Encoding.UTF8.GetBytes(lines[1].Substring(0, at));
        var rest = System.Text.Encoding.UTF8.GetBytes(lines[1].Substring(at));
        File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(quoted + "\n").Concat(prefix).Concat(new byte[] { 0xFF }).Concat(rest).Concat(new[] { (byte)'\n' }).ToArray());

        var runs = store.Reader().ListRuns().ToList();

        CollectionAssert.AreEqual(new[] { "aaaa0001", "aaaa0002" }, runs.Select(r => r.Id).ToList());
        Assert.StartsWith("\uFFFD", runs[1].Name, "the byte that is not UTF-8 reads as the replacement character");
        Assert.IsEmpty(store.Output.Warnings);
    }

    [TestMethod]
    public void A_torn_last_line_is_skipped_with_WANDB008_and_every_whole_record_is_read()
    {
        using var store = new TempStore();
        var path = WriteTwoRecords(store);
        var whole = File.ReadAllText(path);
        File.AppendAllText(path, whole.Substring(0, whole.Length / 3));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));

        var runs = store.Reader().ListRuns().ToList();

        Assert.HasCount(2, runs);
        var warning = store.Output.Warnings.Single(w => w.Code == "WANDB008");
        StringAssert.Contains(warning.Message, "line 3");
        StringAssert.Contains(warning.Message, path);
    }

    [TestMethod]
    public void A_last_line_still_being_written_by_another_process_is_skipped_without_a_warning()
    {
        using var store = new TempStore();
        using (var writer = BatchWriter(store))
        {
            writer.Append(Record("aaaa0001", fold: 0));
        }

        var path = Path.Combine(store.Root, "batches", Writer + ".runs.jsonl");
        var whole = File.ReadAllText(path);
        File.AppendAllText(path, whole.Substring(0, whole.Length / 2));

        var runs = store.Reader().ListRuns().ToList();

        Assert.HasCount(1, runs);
        Assert.IsEmpty(store.Output.Warnings, "a file written a moment ago may be mid-append");
    }

    [TestMethod]
    public void A_failed_flush_keeps_its_records_and_the_retry_leaves_the_torn_piece_as_one_skipped_line()
    {
        using var store = new TempStore();
        var disk = new FaultyFileSystem { BytesBeforeFailure = 40 };
        using var writer = new FolderRunBatchWriter(disk, new StoreLayout(store.Root), Writer);
        writer.Append(Record("aaaa0001", fold: 0));
        writer.Flush();

        writer.Append(Record("aaaa0002", fold: 1));
        writer.Append(Record("aaaa0003", fold: 2));
        disk.DiskFull = true;
        Assert.ThrowsExactly<IOException>(writer.Flush);
        Assert.AreEqual(2, writer.Pending, "nothing is dropped on failure");

        disk.DiskFull = false;
        writer.Flush();

        CollectionAssert.AreEqual(new[] { "aaaa0001", "aaaa0002", "aaaa0003" }, store.Reader().ListRuns().Select(r => r.Id).ToList());
        Assert.AreEqual(1, store.Output.Warnings.Count(w => w.Code == "WANDB008"));
    }

    [TestMethod]
    public void A_later_record_of_the_same_run_and_writer_replaces_the_earlier_one()
    {
        using var store = new TempStore();
        using (var writer = BatchWriter(store))
        {
            writer.Append(Record("aaaa0001", fold: 0, state: "failed"));
            writer.Append(Record("aaaa0001", fold: 0, state: "finished", at: Start.AddSeconds(5)));
        }

        var run = store.Reader().ListRuns().Single();

        Assert.AreEqual(RunState.Finished, run.State);
    }

    [TestMethod]
    public void A_run_the_test_opened_itself_keeps_its_folder_history_and_metadata_and_gains_the_batched_state()
    {
        using var store = new TempStore();
        using (var own = store.Init(new RunOptions { Id = "linked0001", Name = "own name", JobType = "Training" }))
        {
            own.Log("loss", 0.5);
            own.Log("loss", 0.25);
        }

        using (var writer = BatchWriter(store))
        {
            writer.Append(Record("linked0001", fold: 1, summary: new Dictionary<string, object?> { ["outcome"] = "passed" }));
        }

        var reader = store.Reader();
        var run = reader.ListRuns().Single();
        Assert.AreEqual("own name", run.Name, "the folder's run.json takes precedence");
        Assert.AreEqual("passed", run.Summary["outcome"]);
        Assert.AreEqual(0.25, run.Summary["loss"]);
        Assert.AreEqual(1L, run.Config["fold"]);
        Assert.AreEqual(2, reader.ReadHistory("linked0001").Count());
        Assert.AreEqual(RunState.Finished, run.State);
    }

    [TestMethod]
    public void Resuming_a_batched_run_with_resume_must_attaches_to_it()
    {
        using var store = new TempStore();
        using (var writer = BatchWriter(store))
        {
            writer.Append(Record("batched001", fold: 4));
        }

        using (var resumed = store.Init(new RunOptions { Id = "batched001", Resume = ResumeMode.Must }))
        {
            resumed.Log("extra", 1.0);
        }

        var run = store.Reader().ListRuns().Single();
        Assert.AreEqual("Fold (4)", run.Name, "the batch record's metadata is kept");
        Assert.AreEqual(4L, run.Config["fold"]);
        Assert.AreEqual(1L, run.HistoryRows);
    }

    [TestMethod]
    public void Merging_a_store_with_batch_files_copies_its_runs_once_however_often_it_runs()
    {
        using var source = new TempStore();
        using var destination = new TempStore();
        WriteTwoRecords(source);

        var output = new RecordingOutput();
        var sources = StoreMerger.ResolveSources(new[] { source.Root }, source.Root, output);
        var target = new FolderMergeDestination(destination.Root, PhysicalStoreFileSystem.Instance, output);
        var first = StoreMerger.Merge(sources, target, output);
        var second = StoreMerger.Merge(sources, target, output);

        Assert.AreEqual(2, first.RunsAdded);
        Assert.AreEqual((0, 2), (second.RunsAdded, second.RunsUnchanged));
        CollectionAssert.AreEqual(
            source.Reader().ListRuns().Select(Describe).ToList(),
            destination.Reader().ListRuns().Select(Describe).ToList());
    }

    [TestMethod]
    public void Merging_into_a_store_that_holds_the_run_in_a_batch_file_changes_nothing()
    {
        using var source = new TempStore();
        using var destination = new TempStore();
        foreach (var store in new[] { source, destination })
        {
            using var writer = BatchWriter(store);
            writer.Append(Record("aaaa0001", fold: 0));
        }

        var output = new RecordingOutput();
        var result = StoreMerger.Merge(new[] { source.Root }, new FolderMergeDestination(destination.Root, PhysicalStoreFileSystem.Instance, output), output);

        Assert.AreEqual((0, 1), (result.RunsAdded, result.RunsUnchanged));
        Assert.IsFalse(Directory.Exists(Path.Combine(destination.Root, "runs")));
    }

    [TestMethod]
    public void A_record_of_another_writer_is_refused()
    {
        using var store = new TempStore();
        using var writer = BatchWriter(store);
        var record = Record("aaaa0001", fold: 0);
        record.State.Writer = "someone2";

        var error = Assert.ThrowsExactly<ArgumentException>(() => writer.Append(record));

        StringAssert.Contains(error.Message, "someone2");
    }

    /// <summary>Appends runs aaaa0001 and aaaa0002 to the store's batch file and returns its path.</summary>
    private static string WriteTwoRecords(TempStore store)
    {
        using (var writer = BatchWriter(store))
        {
            writer.Append(Record("aaaa0001", fold: 0));
            writer.Append(Record("aaaa0002", fold: 1));
        }

        return Path.Combine(store.Root, "batches", Writer + ".runs.jsonl");
    }

    private static FolderRunBatchWriter BatchWriter(TempStore store) => new(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), Writer);

    private static RunBatchRecord Record(string id, int fold, string state = "finished", DateTimeOffset? at = null, Dictionary<string, object?>? summary = null) =>
        BatchRecords.Fold(id, fold, Writer, state, at, summary: summary);

    private static string Describe(StoredRun run) => RunDescription.Of(run);
}
