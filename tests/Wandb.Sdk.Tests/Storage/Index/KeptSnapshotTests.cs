using Wandb.Environment;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Retention;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// A store object keeps the snapshot its last listing left in the file and lists again from it (the gate then the
/// reports of a test run, each refresh of <c>dotnet wandb ui</c>). Its listings must stay those of a store object
/// that reads the file anew, whatever other store objects and processes did in between, and the snapshot it
/// appends to must stay readable by everyone else.
/// </summary>
[TestClass]
public sealed class KeptSnapshotTests
{
    [TestMethod]
    public void A_store_object_lists_again_from_its_kept_snapshot_without_reading_the_file()
    {
        using var store = new TempStore();
        var ids = Enumerable.Range(0, 4).Select(i => store.AddRun("g", "run" + i)).ToList();
        var reader = store.Reader();
        var first = FullScan.Listing(reader);

        // Same length, same time, other bytes: only a store object that reads the file can tell.
        var path = SnapshotPath(store);
        var written = File.GetLastWriteTimeUtc(path);
        File.WriteAllBytes(path, Enumerable.Repeat((byte)'x', (int)new FileInfo(path).Length).ToArray());
        File.SetLastWriteTimeUtc(path, written);

        CollectionAssert.AreEqual(first, FullScan.Listing(reader));
        Assert.IsNull(reader.IndexRebuildReason);
        var fresh = store.Reader();
        CollectionAssert.AreEqual(first, FullScan.Listing(fresh));
        StringAssert.Contains(fresh.IndexRebuildReason, "header is unreadable", "a new store object reads the file, finds it damaged and rebuilds");
        Assert.HasCount(ids.Count, first);
    }

    [TestMethod]
    public void Listing_an_unchanged_store_again_gives_the_listing_before_and_every_kind_of_change_a_new_one()
    {
        using var store = new TempStore();
        var ids = Enumerable.Range(0, 5).Select(i => store.AddRun("g", "run" + i)).ToList();
        var reader = (FolderRunStore)store.Reader();
        var first = reader.ListIndexed();
        var grouped = reader.ListGrouped(first);

        Assert.AreSame(first.Runs, reader.ListIndexed().Runs, "nothing changed: the listing before, not a pass over every run");
        Assert.AreSame(grouped, reader.ListGrouped(reader.ListIndexed()), "and its grouping, not a pass over every run either");

        var changes = new (string What, Action Change)[]
        {
            ("a run written by another store object", () => store.AddRun("g", "late")),
            ("a batch record appended", () =>
            {
                using var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01");
                writer.Append(BatchRecords.Fold("b0000001", 0, "batch01", group: "g"));
            }),
            ("a batch record appended to a batch file the listing read", () =>
            {
                using var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01");
                writer.Append(BatchRecords.Fold("b0000002", 1, "batch01", group: "g"));
            }),
            ("a run deleted by another store object", () => store.Reader().DeleteRuns(new[] { ids[0] }, store.Output)),
            ("a run folder no writer journaled", () =>
            {
                store.AddRun("g", "hidden");
                Directory.Delete(Path.Combine(store.Root, "index", "touched"), recursive: true);
            }),
            ("a run folder removed by hand", () => Directory.Delete(Path.Combine(store.Root, "runs", ids[1]), recursive: true)),
        };
        foreach (var (what, change) in changes)
        {
            var before = reader.ListIndexed().Runs;
            change();

            Assert.AreNotSame(before, reader.ListIndexed().Runs, what);
            CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(reader), what);
            Assert.AreEqual(
                string.Join(",", store.Reader().AggregateGroups().Select(a => $"{a.Group}:{a.Runs}")),
                string.Join(",", reader.AggregateGroups().Select(a => $"{a.Group}:{a.Runs}")),
                what);
        }

        // A run still being written is read again by every listing, whatever else changed.
        using var live = store.Init(new RunOptions { Project = "proj", Group = "g" });
        live.Log("loss", 1.0);
        var withLive = reader.ListIndexed().Runs;
        Assert.AreNotSame(withLive, reader.ListIndexed().Runs, "a live run is read again by every listing");
        live.Finish();
    }

    [TestMethod]
    public void A_listing_opens_only_the_batch_files_that_grew_since_the_index_read_them()
    {
        using var store = new TempStore();
        for (var file = 0; file < 3; file++)
        {
            AppendBatch(store, "batch0" + file, "b" + file + "x0");
        }

        var files = new CountingFileSystem();
        var reader = new FolderRunStore(store.Root, files, store.Output, SystemClock.Instance);
        Assert.HasCount(3, FullScan.Listing(reader));
        var first = files.BatchReads;
        Assert.IsLessThanOrEqualTo(3, first, "the first listing reads each batch file at most once");

        // A run written beside the batch files makes the kept listing list again; the batch files are as they were.
        store.AddRun("g", "folder-run");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(reader));
        Assert.AreEqual(first, files.BatchReads, "no batch file grew: none is opened, each told unchanged from its length");

        // One file grows: only it is opened, by this store object and by a new one reading the snapshot's positions.
        AppendBatch(store, "batch01", "b1x1");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(reader));
        Assert.AreEqual(first + 1, files.BatchReads, "only the file that grew");
        var freshFiles = new CountingFileSystem();
        var fresh = new FolderRunStore(store.Root, freshFiles, store.Output, SystemClock.Instance);
        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(fresh));
        Assert.AreEqual(0, freshFiles.BatchReads, "the snapshot holds every batch file's end: nothing to open");
        Assert.IsNull(fresh.IndexRebuildReason);
    }

    private static void AppendBatch(TempStore store, string writerId, string runId)
    {
        using var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), writerId);
        writer.Append(BatchRecords.Fold(runId, 0, writerId, group: "g"));
    }

    [TestMethod]
    public void What_other_store_objects_write_in_between_is_read_and_the_appended_snapshot_stays_readable()
    {
        using var store = new TempStore();
        for (var i = 0; i < 40; i++)
        {
            store.AddRun("base", "run" + i);
        }

        var reader = store.Reader();
        reader.ListRuns().ToList();

        // Rounds of runs written by other store objects (journaled), batch records, and a deletion: the kept snapshot
        // is appended to, compacted past a quarter of its base and rewritten whole, each listing equal to a full scan.
        for (var round = 0; round < 6; round++)
        {
            store.AddRun("round-" + round, "folder-run");
            using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch0" + round))
            {
                for (var i = 0; i < 3; i++)
                {
                    writer.Append(BatchRecords.Fold($"b{round}x{i}", i, "batch0" + round, group: "round-" + round));
                }
            }

            if (round == 4)
            {
                var victim = store.Runs().First(r => r.Group == "base").Id;
                Assert.HasCount(1, store.Reader().DeleteRuns(new[] { victim }, store.Output));
            }

            var kept = FullScan.Listing(reader);
            CollectionAssert.AreEqual(FullScan.Of(store.Root), kept, $"round {round}: the kept snapshot plus what changed");
            Assert.IsNull(reader.IndexRebuildReason, $"round {round}");

            var fresh = store.Reader();
            CollectionAssert.AreEqual(kept, FullScan.Listing(fresh), $"round {round}: the file the kept snapshot appended to");
            Assert.IsNull(fresh.IndexRebuildReason, $"round {round}: no rebuild needed");
        }

        Assert.AreEqual(40 + 6 + 18 - 1, FullScan.Listing(reader).Count);
    }

    [TestMethod]
    public void A_change_another_store_object_consumed_the_journal_of_is_read_from_the_file_it_wrote()
    {
        using var store = new TempStore();
        var id = store.AddRun("g", "resumed", log: run => run.Log(new Dictionary<string, double> { ["loss"] = 1 }));
        var reader = store.Reader();
        Assert.AreEqual(RunState.Finished, reader.ListRuns().Single().State);

        using (var attached = store.Init(new RunOptions { Id = id, Resume = ResumeMode.Allow }))
        {
            attached.Log(new Dictionary<string, double> { ["loss"] = 0.5 });
            attached.Finish(3);
        }

        // Another process lists first: it reads the journal, consumes it and appends the run's new line.
        store.Runs();

        var run = reader.ListRuns().Single();
        Assert.AreEqual(RunState.Failed, run.State, "the snapshot changed under the kept one, so it is read again");
        Assert.AreEqual(0.5, run.Summary["loss"]);
    }

    [TestMethod]
    public void A_run_kept_as_running_is_shown_crashed_once_its_heartbeat_stopped()
    {
        using var store = new TempStore();
        var clock = RunningOnAnotherHost(store);
        var reader = new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, clock);
        Assert.AreEqual(RunState.Running, reader.ListRuns().Single().State);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.AreEqual(RunState.Crashed, reader.ListRuns().Single().State, "as a store object reading the file at this time sees it");
        Assert.AreEqual(RunState.Crashed, new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, clock).ListRuns().Single().State);
    }

    [TestMethod]
    public void Runs_two_store_objects_kept_as_running_are_both_shown_crashed_whichever_lists_first()
    {
        using var store = new TempStore();
        var clock = RunningOnAnotherHost(store);
        var first = new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, clock);
        var second = new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, clock);
        Assert.AreEqual(RunState.Running, first.ListRuns().Single().State);
        Assert.AreEqual(RunState.Running, second.ListRuns().Single().State);

        clock.Advance(TimeSpan.FromMinutes(10));

        // The first listing forgets the runs the process assembled as running, the second store object's too: each
        // store object must still assemble its own again.
        Assert.AreEqual(RunState.Crashed, first.ListRuns().Single().State);
        Assert.AreEqual(RunState.Crashed, second.ListRuns().Single().State);
        Assert.AreEqual(RunState.Crashed, first.ListRuns().Single().State, "listed again, the crashed run stays crashed");
    }

    [TestMethod]
    public void A_retention_then_the_reports_of_one_store_object_read_the_snapshot_once_and_agree_with_a_fresh_read()
    {
        using var store = new TempStore();
        using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch001"))
        {
            for (var i = 0; i < 6; i++)
            {
                writer.Append(BatchRecords.Fold("old" + i, i, "batch001", group: "old-group"));
                writer.Append(BatchRecords.Fold("new" + i, i, "batch001", at: BatchRecords.Start.AddDays(5), group: "new-group"));
            }
        }

        var reader = store.Reader();
        var result = RunRetention.Apply(reader, new RetentionPolicy { KeepDays = 7 }, null, new ManualClock(BatchRecords.Start.AddDays(8)), store.Output);

        Assert.HasCount(6, result.Runs);
        var listed = FullScan.Listing(reader);
        CollectionAssert.AreEqual(FullScan.Of(store.Root), listed, "the tombstones written in between are read");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 6).Select(i => "new" + i).ToList(), reader.ListRuns().Select(r => r.Id).ToList());
    }

    private static string SnapshotPath(TempStore store) => Path.Combine(store.Root, "index", "runs.v1.jsonl");

    /// <summary>Writes a run of a test session on another host, last heard of at Start + 1 s; the clock then reads Start + 30 s.</summary>
    private static ManualClock RunningOnAnotherHost(TempStore store)
    {
        using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "session1"))
        {
            writer.Append(BatchRecords.Fold("live1", 0, "session1", state: "running"));
        }

        return new ManualClock(BatchRecords.Start.AddSeconds(30));
    }
}
