using System.Globalization;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>Every row logged to a store that cannot take it is found again, in the fallback folder or in an exact count of lost rows.</summary>
[TestClass]
public sealed class UnwritableStoreTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Rows_a_full_disk_cannot_take_go_to_the_fallback_folder_and_merging_it_back_restores_every_row()
    {
        // About 23 MB of history lines. The disk must take the first write whatever it holds: Log outruns a writer that
        // starts late, which then writes up to 20,000 pending rows (about 2.3 MB) at once, and a write the disk refuses
        // is kept with every later row for one larger retry, so a 2 MB disk could take no row at all (kept 0: a flaky
        // failure of a full CI run).
        const int rows = 200_000;
        using var mount = SmallMount.Create(sizeKilobytes: 8192);
        using var store = new TempStore();
        var dir = Path.Combine(mount.Path, "wandb");
        using var cleanup = new FallbackCleanup(dir);
        var fallback = cleanup.Path;
        var run = store.Init(new RunOptions { Dir = dir, Id = "fulldisk" });
        for (var i = 0; i < rows; i++)
        {
            run.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (i + 1), ["accuracy"] = i / (double)rows });
        }

        run.Finish();

        var kept = Folder(dir, store).ReadHistory("fulldisk").Count();
        var moved = Folder(fallback, store).ReadHistory("fulldisk").Count();
        Assert.IsTrue(kept is > 0 and < rows, $"the disk took {kept} rows before it filled");
        Assert.AreEqual(rows, kept + moved, "every row is in the store or in the fallback folder");
        var warning = store.Output.WarningsWith("WANDB009").Single();
        StringAssert.Contains(warning, $"dotnet build -t:WandbMerge -p:WandbMergeFrom=\"{fallback}\" -p:WandbMergeTo=\"{dir}\"");
        Assert.IsFalse(store.Output.Codes.Any(c => c is "WANDB002" or "WANDB010"), "nothing was dropped:\n" + string.Join("\n", store.Output.Lines));

        var copy = Path.Combine(store.Root, "copy");
        FolderCopy.Copy(dir, copy);
        var merged = MergeInto(copy, fallback, store);
        CollectionAssert.AreEqual(Enumerable.Range(0, rows).Select(i => (long)i).ToList(), merged.ReadHistory("fulldisk").Select(r => r.Step).ToList());
        var stored = merged.GetRun("fulldisk")!;
        Assert.AreEqual(RunState.Finished, stored.State);
        Assert.AreEqual(rows, stored.HistoryRows);
        Assert.AreEqual(1.0 / rows, stored.Summary["loss"]);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void A_read_only_store_folder_keeps_every_row_in_the_fallback_folder()
    {
        const int rows = 150_000;
        using var mount = SmallMount.Create(sizeKilobytes: 256);
        mount.MakeReadOnly();
        using var store = new TempStore();
        var dir = Path.Combine(mount.Path, "wandb");
        using var cleanup = new FallbackCleanup(dir);
        var fallback = cleanup.Path;
        var run = store.Init(new RunOptions { Dir = dir, Id = "readonly", Group = "g" });
        run.Config["trees"] = 100;
        for (var i = 0; i < rows; i++)
        {
            run.Log("loss", i);
        }

        run.Finish();

        Assert.AreEqual(1, store.Output.Codes.Count(c => c == "WANDB001"), string.Join("\n", store.Output.Lines));
        StringAssert.Contains(store.Output.WarningsWith("WANDB009").Single(), fallback);
        var merged = MergeInto(Path.Combine(store.Root, "merged"), fallback, store);
        CollectionAssert.AreEqual(Enumerable.Range(0, rows).Select(i => (long)i).ToList(), merged.ReadHistory("readonly").Select(r => r.Step).ToList());
        var stored = merged.GetRun("readonly")!;
        Assert.AreEqual(RunState.Finished, stored.State);
        Assert.AreEqual("g", stored.Group);
        Assert.AreEqual(100L, stored.Config["trees"]);
        Assert.AreEqual((double)(rows - 1), stored.Summary["loss"]);
    }

    [TestMethod]
    public void Rows_that_neither_the_store_nor_the_fallback_can_take_are_counted_exactly_in_dropped_rows_and_a_final_warning()
    {
        using var store = new TempStore();
        var fs = new FaultyFileSystem();
        var limits = RecorderLimits.Default with { FlushInterval = TimeSpan.FromMilliseconds(5), MaxBufferedRows = 1_000, RetryInterval = TimeSpan.FromMilliseconds(20) };
        var run = store.Init(new RunOptions(), store.Context(fileSystem: fs, limits: limits));
        using var fallback = new FallbackCleanup(store.Root);
        for (var i = 0; i < 2_000; i++)
        {
            run.Log("value", i);
        }

        Eventually.Until(() => store.Reader().ReadHistory(run.Id).Count() == 2_000, "the first rows are written");
        fs.DiskFull = true;
        for (var i = 0; i < 5_000; i++)
        {
            run.Log("value", i);
        }

        Eventually.Until(() => store.Output.Codes.Contains("WANDB002"), "rows are dropped");
        fs.DiskFull = false;
        for (var i = 0; i < 1_000; i++)
        {
            run.Log("value", i);
        }

        run.Finish();

        // Once the disk takes writes again, the recorder's next attempt may open the fallback folder before the store
        // answers its retry: the rest of the run, and the final state with its count, are then there, for a merge.
        var recoveredToFallback = Directory.Exists(fallback.Path);
        var kept = store.Reader().ReadHistory(run.Id).Select(r => r.Step).ToList();
        var moved = recoveredToFallback ? Folder(fallback.Path, store).ReadHistory(run.Id).Select(r => r.Step).ToList() : new List<long>();
        var dropped = WriterState(recoveredToFallback ? fallback.Path : store.Root, run.Id).DroppedRows;
        Assert.IsTrue(dropped > 0, "the fallback was full too, so rows were dropped");
        Assert.AreEqual(8_000, kept.Count + moved.Count + dropped, "every row logged is either read back or counted as dropped");
        Assert.IsTrue(kept.Zip(kept.Skip(1)).All(p => p.First < p.Second), "rows read back are whole and in order");
        Assert.IsTrue(moved.Zip(moved.Skip(1)).All(p => p.First < p.Second), "rows the fallback took are whole and in order");
        StringAssert.Contains(store.Output.WarningsWith("WANDB010").Single(), dropped.ToString("N0", CultureInfo.InvariantCulture) + " row(s)");
    }

    [TestMethod]
    public void Rows_still_in_memory_when_the_run_ends_with_nowhere_to_go_are_counted_in_a_final_warning()
    {
        using var store = new TempStore();
        var fs = new FaultyFileSystem { DiskFull = true };
        var run = store.Init(new RunOptions(), store.Context(fileSystem: fs));
        for (var i = 0; i < 500; i++)
        {
            run.Log("value", i);
        }

        run.Finish();

        StringAssert.Contains(store.Output.WarningsWith("WANDB010").Single(), "500 row(s)");
        Assert.IsFalse(store.Output.Codes.Contains("WANDB007"), "nothing was written, so nothing claims it was");
    }

    private static FolderRunStore Folder(string root, TempStore store) => new(root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance);

    private static FolderRunStore MergeInto(string destination, string fallback, TempStore store)
    {
        var result = StoreMerger.Merge(new[] { fallback }, new FolderMergeDestination(destination, PhysicalStoreFileSystem.Instance, store.Output), store.Output);
        Assert.AreEqual(0, result.Conflicts.Count);
        return Folder(destination, store);
    }

    private static WriterStateFile WriterState(string root, string runId) =>
        StoreCodec.Deserialize<WriterStateFile>(File.ReadAllText(Directory.GetFiles(new StoreLayout(root).RunDirectory(runId), "*" + StoreLayout.StateSuffix).Single()));
}
