using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;
using Wandb.Storage.Retention;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>
/// Retention over runs that only batch files name (the test logger's): a batch file holds other runs too and is never
/// rewritten, so a deleted run gets a tombstone record, and every way of reading the store leaves it out.
/// </summary>
[TestClass]
public sealed class BatchRetentionTests
{
    private static readonly DateTimeOffset Now = BatchRecords.Start.AddDays(8);

    [TestMethod]
    public void Retention_deletes_batch_only_runs_with_a_tombstone_and_every_reader_leaves_them_out()
    {
        using var store = new TempStore();
        var old = Write(store, "batch001", "old-group", runs: 30, activeAt: BatchRecords.Start.AddMinutes(1));
        var recent = Write(store, "batch002", "new-group", runs: 20, activeAt: BatchRecords.Start.AddDays(5));
        Assert.AreEqual(50, store.Runs().Count, "the index is built with every run");

        var result = RunRetention.Apply(store.Reader(), new RetentionPolicy { KeepDays = 7 }, null, new ManualClock(Now), store.Output);

        CollectionAssert.AreEquivalent(old, result.Runs.Select(r => r.Id).ToList(), "every run of the old group is reported deleted");
        Assert.AreEqual(0, result.Kept.Count);
        CollectionAssert.AreEquivalent(recent, store.Runs().Select(r => r.Id).ToList(), "through the run index");
        Directory.Delete(Path.Combine(store.Root, "index"), recursive: true);
        CollectionAssert.AreEquivalent(recent, store.Runs().Select(r => r.Id).ToList(), "read from the batch files alone");
        Assert.IsNull(store.Reader().GetRun(old[0]));
        Assert.IsNotNull(store.Reader().GetRun(recent[0]));
        Assert.AreEqual(3, Directory.GetFiles(Path.Combine(store.Root, "batches")).Length, "the two batch files stay as written, plus the tombstones' own");

        var again = RunRetention.Apply(store.Reader(), new RetentionPolicy { KeepDays = 7 }, null, new ManualClock(Now), store.Output);
        Assert.AreEqual(0, again.Runs.Count, "nothing left to delete");
        Assert.AreEqual(3, Directory.GetFiles(Path.Combine(store.Root, "batches")).Length, "no tombstone written twice");
    }

    [TestMethod]
    public void A_dry_run_lists_batch_only_runs_and_writes_no_tombstone()
    {
        using var store = new TempStore();
        var old = Write(store, "batch001", "old-group", runs: 5, activeAt: BatchRecords.Start.AddMinutes(1));
        Write(store, "batch002", "new-group", runs: 5, activeAt: BatchRecords.Start.AddDays(5));

        var result = RunRetention.Apply(store.Reader(), new RetentionPolicy { KeepDays = 7, DryRun = true }, null, new ManualClock(Now), store.Output);

        CollectionAssert.AreEquivalent(old, result.Runs.Select(r => r.Id).ToList());
        Assert.AreEqual(10, store.Runs().Count);
        Assert.AreEqual(2, Directory.GetFiles(Path.Combine(store.Root, "batches")).Length);
    }

    [TestMethod]
    public void A_protected_group_keeps_its_batch_only_runs()
    {
        using var store = new TempStore();
        var old = Write(store, "batch001", "baseline-group", runs: 4, activeAt: BatchRecords.Start.AddMinutes(1));
        var recent = Write(store, "batch002", "new-group", runs: 4, activeAt: BatchRecords.Start.AddDays(5));

        var result = RunRetention.Apply(store.Reader(), new RetentionPolicy { KeepDays = 7 }, new[] { "baseline-group" }, new ManualClock(Now), store.Output);

        Assert.AreEqual(0, result.Runs.Count);
        CollectionAssert.AreEquivalent(old.Concat(recent).ToList(), store.Runs().Select(r => r.Id).ToList());
    }

    [TestMethod]
    public void A_run_with_a_folder_and_batch_records_does_not_come_back_from_its_batch_records()
    {
        using var store = new TempStore();
        var batched = Write(store, "batch001", "old-group", runs: 2, activeAt: BatchRecords.Start.AddMinutes(1));
        Write(store, "batch002", "new-group", runs: 1, activeAt: BatchRecords.Start.AddDays(5));

        // A resume of a batched run gives it a folder; its batch record stays in the batch file.
        using (var resumed = store.Init(new RunOptions { Id = batched[0], Resume = ResumeMode.Must }, store.Context(clock: new ManualClock(BatchRecords.Start.AddMinutes(2)))))
        {
            resumed.Finish();
        }

        Assert.IsTrue(Directory.Exists(Path.Combine(store.Root, "runs", batched[0])));
        var result = RunRetention.Apply(store.Reader(), new RetentionPolicy { KeepDays = 7 }, null, new ManualClock(Now), store.Output);

        CollectionAssert.AreEquivalent(batched, result.Runs.Select(r => r.Id).ToList());
        Assert.IsFalse(Directory.Exists(Path.Combine(store.Root, "runs", batched[0])));
        Assert.IsFalse(store.Runs().Any(r => batched.Contains(r.Id)), "neither the resumed run nor the batch-only one is listed");
    }

    [TestMethod]
    public void Merging_a_pruned_store_leaves_its_deleted_batch_runs_behind()
    {
        using var source = new TempStore();
        using var destination = new TempStore();
        Write(source, "batch001", "old-group", runs: 3, activeAt: BatchRecords.Start.AddMinutes(1));
        var recent = Write(source, "batch002", "new-group", runs: 2, activeAt: BatchRecords.Start.AddDays(5));
        RunRetention.Apply(source.Reader(), new RetentionPolicy { KeepDays = 7 }, null, new ManualClock(Now), source.Output);

        StoreMerger.Merge(new[] { source.Root }, new FolderMergeDestination(destination.Root, PhysicalStoreFileSystem.Instance, destination.Output), destination.Output);

        CollectionAssert.AreEquivalent(recent, destination.Runs().Select(r => r.Id).ToList());
    }

    [TestMethod]
    public void A_store_that_never_listed_finds_the_batch_records_of_the_runs_it_deletes_in_the_batch_files()
    {
        // A prune or refresh holds its last listing only weakly: when the collector took it, or nothing listed
        // through this store object, the runs to delete are looked up in the batch files instead.
        using var store = new TempStore();
        var old = Write(store, "batch001", "old-group", runs: 6, activeAt: BatchRecords.Start.AddMinutes(1));
        var recent = Write(store, "batch002", "new-group", runs: 4, activeAt: BatchRecords.Start.AddDays(5));
        var chosen = old.Take(4).ToList();

        var deleted = store.Reader().DeleteRuns(chosen, store.Output);

        CollectionAssert.AreEquivalent(chosen, deleted.ToList());
        CollectionAssert.AreEquivalent(old.Skip(4).Concat(recent).ToList(), store.Runs().Select(r => r.Id).ToList());
        Assert.AreEqual(0, store.Reader().DeleteRuns(chosen, store.Output).Count, "a run already deleted is not deleted twice");
    }

    private static List<string> Write(TempStore store, string writer, string group, int runs, DateTimeOffset activeAt)
    {
        using var batch = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), writer);
        var ids = new List<string>();
        for (var i = 0; i < runs; i++)
        {
            var id = writer.Substring(5) + group[0] + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            batch.Append(BatchRecords.Fold(id, i, writer, at: activeAt, group: group));
            ids.Add(id);
        }

        return ids;
    }
}
