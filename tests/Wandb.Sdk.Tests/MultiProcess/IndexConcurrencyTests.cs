using Wandb.Environment;
using Wandb.Sdk.Tests.Storage.Index;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.MultiProcess;

[TestClass]
public sealed class IndexConcurrencyTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Runs_written_and_resumed_by_many_processes_while_others_list_and_compact_the_index_are_all_listed_exactly()
    {
        using var store = new TempStore();
        var resumed = new[] { store.AddRun("parallel", "resumed-a"), store.AddRun("parallel", "resumed-b") };
        Assert.HasCount(2, store.Runs(), "both runs are indexed as finished before the processes start");

        const int Writers = 8;
        const int Rows = 200;
        var listings = 0;
        var failures = new List<Exception>();
        using var done = new CancellationTokenSource();

        // Two listers stand for two refreshes at once: each takes the index lock, the journals and writes the
        // snapshot in turn while the writers create, resume and finish runs.
        var listers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance).ListRuns().ToList();
                    Interlocked.Increment(ref listings);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        })).ToList();

        var created = new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_GROUP"] = "parallel" };
        var processes = Enumerable.Range(0, Writers).Select(_ => WriterProcess.Start($"{Rows}", created))
            .Concat(resumed.SelectMany(id => Enumerable.Range(0, 2).Select(_ =>
                WriterProcess.Start($"{Rows}", new Dictionary<string, string> { ["WANDB_DIR"] = store.Root, ["WANDB_RUN_ID"] = id, ["WANDB_RESUME"] = "allow" }))))
            .ToList();
        processes.ForEach(WriterProcess.WaitForSuccess);
        done.Cancel();
        Task.WaitAll(listers.ToArray());

        Assert.IsEmpty(failures, string.Join("\n", failures));
        Assert.IsGreaterThan(0, listings);
        var runs = store.Runs();
        Assert.HasCount(Writers + resumed.Length, runs, "no run is lost or listed twice");
        Assert.IsTrue(runs.All(r => r.State == RunState.Finished), string.Join(", ", runs.Select(r => r.State)));
        foreach (var id in resumed)
        {
            Assert.AreEqual(2 * Rows, runs.Single(r => r.Id == id).HistoryRows, "both resuming processes' rows are counted");
        }

        CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()));
        Assert.IsEmpty(store.Output.Warnings, string.Join("\n", store.Output.Warnings));
    }
}
