using Wandb.Environment;
using Wandb.Runs;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class StoreFaultTests
{
    [TestMethod]
    public void A_store_that_cannot_be_created_warns_once_and_the_run_keeps_working_in_memory()
    {
        using var store = new TempStore();
        var blocker = Path.Combine(store.Root, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var unwritable = Path.Combine(blocker, "store");
        using var fallback = new FallbackCleanup(unwritable);

        var run = store.Init(new RunOptions { Dir = unwritable });
        for (var i = 0; i < 100; i++)
        {
            run.Log("loss", i);
        }

        run.Summary["best"] = 1;
        Assert.AreEqual(99.0, run.Summary["loss"]);
        run.Finish();

        Assert.AreEqual(1, store.Output.Codes.Count(c => c == "WANDB001"), string.Join("\n", store.Output.Warnings));
        StringAssert.Contains(store.Output.Warnings.First().Message, unwritable);
        Assert.AreEqual(RunState.Finished, run.State);
        Assert.AreEqual(100, new FolderRunStore(fallback.Path, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance).ReadHistory(run.Id).Count(), "the rows wait in the fallback folder");
    }

    [TestMethod]
    public void A_full_disk_keeps_rows_already_written_and_writes_the_rest_once_space_is_back()
    {
        using var store = new TempStore();
        var fs = new FaultyFileSystem { BytesBeforeFailure = 17 };
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var limits = RecorderLimits.Default with { FlushInterval = TimeSpan.FromMilliseconds(10) };
        var run = store.Init(new RunOptions(), store.Context(fileSystem: fs, clock: clock, limits: limits));
        for (var i = 0; i < 50; i++)
        {
            run.Log("value", i);
        }

        Eventually.Until(() => store.Reader().ReadHistory(run.Id).Count() == 50, "the first rows are written");
        fs.DiskFull = true;
        for (var i = 50; i < 80; i++)
        {
            run.Log("value", i);
        }

        Eventually.Until(() => store.Output.Codes.Contains("WANDB001"), "the full disk is noticed");
        Assert.AreEqual(50, store.Reader().ReadHistory(run.Id).Count(), "rows written before the failure stay readable, and no torn fragment is left behind");

        fs.DiskFull = false;
        clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 80; i < 100; i++)
        {
            run.Log("value", i);
        }

        run.Finish();

        var rows = store.Reader().ReadHistory(run.Id).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), rows.Select(r => r.Values["value"]).ToArray());
        Assert.IsTrue(store.Output.Codes.Contains("WANDB007"));
        Assert.IsFalse(store.Output.Codes.Contains("WANDB003"), "no line was torn");
    }

    [TestMethod]
    public void While_the_store_stays_unwritable_memory_is_bounded_and_the_drop_is_reported()
    {
        using var store = new TempStore();
        var fs = new FaultyFileSystem { DiskFull = true };
        var limits = RecorderLimits.Default with { FlushInterval = TimeSpan.FromMilliseconds(5), MaxBufferedRows = 100 };
        var run = store.Init(new RunOptions(), store.Context(fileSystem: fs, limits: limits));

        for (var i = 0; i < 1000; i++)
        {
            run.Log("value", i);
        }

        Eventually.Until(() => store.Output.Codes.Contains("WANDB002"), "rows are dropped");
        run.Finish();

        Assert.AreEqual(1, store.Output.Codes.Count(c => c == "WANDB002"));
    }
}
