using Wandb.Environment;
using Wandb.Grouping.Curves;
using Wandb.Reports;
using Wandb.Reports.Html;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Curves;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>
/// The folder store keeps each finished run's bucketed history in <c>index/curves/</c>, so a refresh reads only the
/// histories that changed. The page's curves must stay exactly those read from the histories, at every bucket count,
/// and an entry must never outlive the history it was made from.
/// </summary>
[TestClass]
public sealed class CurveCacheTests
{
    private const int CachedBuckets = 1000;

    [TestMethod]
    public void Curves_from_the_cache_are_the_curves_read_from_the_histories_at_every_bucket_count()
    {
        using var store = new TempStore();
        var runs = AddVariedRuns(store);
        var files = new CountingFileSystem();
        var historyFiles = runs.Sum(r => Directory.GetFiles(Path.Combine(store.Root, "runs", r.Id), "*" + StoreLayout.HistorySuffix).Length);
        Assert.AreEqual(runs.Count + 1, historyFiles, "the resumed run has a history file per process");

        // From the 3,000-step run's entry, 1,000 and 300 decode its finest level, 200 its 250-bucket level, 24 and 2 its 62-bucket one.
        foreach (var buckets in new[] { 1000, 300, 200, 24, 2 })
        {
            var before = files.HistoryReads;
            var curves = StepCurves.Build(Reader(store, files), runs, buckets, CachedBuckets);
            var readNow = files.HistoryReads - before;

            CollectionAssert.AreEqual(Describe(FromHistories(store, runs, buckets)), Describe(curves), $"B = {buckets}");
            Assert.AreEqual(buckets == 1000 ? historyFiles : 0, readNow, $"B = {buckets}: histories are read once, for the first page");
        }

        Assert.HasCount(runs.Count, Directory.GetFiles(store.Reader().CurveCache!.Directory));
    }

    [TestMethod]
    public void The_next_refresh_writes_the_same_page_without_reading_a_history()
    {
        using var store = new TempStore();
        AddVariedRuns(store);
        var files = new CountingFileSystem();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var options = new ReportOptions { Json = false, Markdown = false };

        var first = File.ReadAllBytes(ReportWriter.WriteAll(Reader(store, files), options, clock, store.Output).HtmlPath!);
        var read = files.HistoryReads;
        var second = File.ReadAllBytes(ReportWriter.WriteAll(Reader(store, files), options, clock, store.Output).HtmlPath!);

        Assert.AreEqual(5, read, "the first refresh reads every history file");
        Assert.AreEqual(read, files.HistoryReads, "the second reads none");
        CollectionAssert.AreEqual(first, second, "and writes the same page, byte for byte");
    }

    [TestMethod]
    public void A_history_that_grew_is_read_again_and_the_others_are_not()
    {
        using var store = new TempStore();
        var runs = AddVariedRuns(store);
        var files = new CountingFileSystem();
        StepCurves.Build(Reader(store, files), runs, 200, CachedBuckets);

        var grown = runs.First(r => r.Name == "short");
        using (var resumed = store.Init(new RunOptions { Id = grown.Id, Resume = ResumeMode.Must }))
        {
            for (var step = 0; step < 10; step++)
            {
                resumed.Log("loss", -step);
            }

            resumed.Finish();
        }

        runs = store.Runs().OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var before = files.HistoryReads;
        var curves = StepCurves.Build(Reader(store, files), runs, 200, CachedBuckets);

        Assert.AreEqual(2, files.HistoryReads - before, "the grown run's two history files, no other");
        CollectionAssert.AreEqual(Describe(FromHistories(store, runs, 200)), Describe(curves));
        Assert.AreEqual(-9, curves["loss"].ForRun(grown.Id)!.Last.Last(v => !double.IsNaN(v)), "the rows logged after the first page are charted");

        // A merge appends to a finished run's own history file: same file, other length.
        var merged = runs.First(r => r.Name == "long");
        var file = Directory.GetFiles(Path.Combine(store.Root, "runs", merged.Id), "*" + StoreLayout.HistorySuffix).Single();
        File.AppendAllText(file, File.ReadLines(file).First() + "\n");
        before = files.HistoryReads;
        curves = StepCurves.Build(Reader(store, files), runs, 200, CachedBuckets);

        Assert.AreEqual(1, files.HistoryReads - before, "the history file that grew, no other");
        CollectionAssert.AreEqual(Describe(FromHistories(store, runs, 200)), Describe(curves));
    }

    [TestMethod]
    public void A_live_run_is_read_every_time_and_never_cached()
    {
        using var store = new TempStore();
        using var live = store.Init(new RunOptions { Project = "proj", Group = "g", Name = "live" });
        for (var step = 0; step < 20; step++)
        {
            live.Log("loss", step);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (store.Reader().ReadHistory(live.Id).Count() < 20 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var files = new CountingFileSystem();
        for (var page = 0; page < 2; page++)
        {
            var run = store.Runs().Single();
            Assert.AreEqual(RunState.Running, run.State);
            var before = files.HistoryReads;
            var curves = StepCurves.Build(Reader(store, files), new[] { run }, 100, CachedBuckets);
            Assert.AreEqual(1, files.HistoryReads - before, $"page {page}");
            Assert.AreEqual(19, curves["loss"].ForRun(run.Id)!.Last.Last(v => !double.IsNaN(v)));
        }

        Assert.IsFalse(File.Exists(store.Reader().CurveCache!.EntryPath(live.Id)));
        live.Finish();
    }

    [TestMethod]
    public void A_torn_or_foreign_entry_is_read_as_none_and_written_again()
    {
        using var store = new TempStore();
        var (runs, cache) = ChartedOnce(store);

        var torn = cache.EntryPath(runs[0].Id);
        var bytes = File.ReadAllBytes(torn);
        File.WriteAllBytes(torn, bytes.Take(bytes.Length - 9).ToArray());
        File.WriteAllText(cache.EntryPath(runs[1].Id), "not a curve cache entry");
        File.WriteAllBytes(cache.EntryPath(runs[2].Id), Array.Empty<byte>());

        var files = new CountingFileSystem();
        var curves = StepCurves.Build(Reader(store, files), runs, 300, CachedBuckets);
        CollectionAssert.AreEqual(Describe(FromHistories(store, runs, 300)), Describe(curves));
        var damaged = runs.Take(3).Sum(r => Directory.GetFiles(Path.Combine(store.Root, "runs", r.Id), "*" + StoreLayout.HistorySuffix).Length);
        Assert.AreEqual(damaged, files.HistoryReads, "the history files of the three damaged entries' runs, no other");

        var again = files.HistoryReads;
        StepCurves.Build(Reader(store, files), runs, 300, CachedBuckets);
        Assert.AreEqual(again, files.HistoryReads, "their entries were written again");
    }

    [TestMethod]
    public void An_entry_of_version_1_is_not_read_and_is_deleted_when_its_run_s_entry_is_written()
    {
        using var store = new TempStore();
        var (runs, cache) = ChartedOnce(store);

        // A store whose entries a version before wrote: one level each, named .curves.v1.bin.
        var former = Path.Combine(cache.Directory, runs[0].Id + ".curves.v1.bin");
        File.Move(cache.EntryPath(runs[0].Id), former);

        var files = new CountingFileSystem();
        var curves = StepCurves.Build(Reader(store, files), runs, 300, CachedBuckets);

        CollectionAssert.AreEqual(Describe(FromHistories(store, runs, 300)), Describe(curves));
        Assert.AreEqual(Directory.GetFiles(Path.Combine(store.Root, "runs", runs[0].Id), "*" + StoreLayout.HistorySuffix).Length, files.HistoryReads, "that run's history, read again");
        Assert.IsFalse(File.Exists(former), "the former entry, deleted");
        Assert.IsTrue(File.Exists(cache.EntryPath(runs[0].Id)), "the entry of this version, written");
    }

    [TestMethod]
    public void An_entry_made_for_fewer_buckets_does_not_serve_a_finer_page()
    {
        using var store = new TempStore();
        var runs = AddVariedRuns(store);
        StepCurves.Build(store.Reader(), runs, 50, cachedBuckets: 50);

        var files = new CountingFileSystem();
        var curves = StepCurves.Build(Reader(store, files), runs, 1000, CachedBuckets);

        CollectionAssert.AreEqual(Describe(FromHistories(store, runs, 1000)), Describe(curves));
        Assert.AreEqual(runs.Count + 1, files.HistoryReads);
    }

    [TestMethod]
    public void Retention_deletes_a_run_s_entry_with_the_run()
    {
        using var store = new TempStore();
        var (runs, cache) = ChartedOnce(store);
        Assert.IsTrue(File.Exists(cache.EntryPath(runs[0].Id)));

        var deleted = store.Reader().DeleteRuns(new[] { runs[0].Id }, store.Output);

        CollectionAssert.AreEqual(new[] { runs[0].Id }, deleted.ToList());
        Assert.IsFalse(File.Exists(cache.EntryPath(runs[0].Id)));
        Assert.IsTrue(File.Exists(cache.EntryPath(runs[1].Id)));
    }

    /// <summary>The varied runs, charted once at 300 buckets so each has a cache entry, and the cache.</summary>
    private static (List<StoredRun> Runs, RunCurveCache Cache) ChartedOnce(TempStore store)
    {
        var runs = AddVariedRuns(store);
        StepCurves.Build(store.Reader(), runs, 300, CachedBuckets);
        return (runs, store.Reader().CurveCache!);
    }

    private static RunStore Reader(TempStore store, CountingFileSystem files) =>
        new FolderRunStore(store.Root, files, store.Output, SystemClock.Instance);

    /// <summary>Runs whose buckets exercise every path: coarsened, sparse with gaps, non-finite values, a metric with no finite value, a resumed run.</summary>
    private static List<StoredRun> AddVariedRuns(TempStore store)
    {
        store.AddRun("g", "short", log: run =>
        {
            for (var step = 0; step < 30; step++)
            {
                run.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1), ["acc"] = step / 30.0 });
            }
        });
        store.AddRun("g", "long", log: run =>
        {
            for (var step = 0; step < 3000; step++)
            {
                run.Log(new Dictionary<string, double> { ["loss"] = Math.Sin(step / 7.0), ["acc"] = step % 13 });
            }
        });
        store.AddRun("h", "sparse", log: run =>
        {
            for (var step = 0; step < 50; step++)
            {
                run.Log(new Dictionary<string, double> { ["loss"] = step % 5 == 0 ? double.NaN : step, ["broken"] = double.PositiveInfinity }, step * 3);
            }

            run.Log("loss", 42, step: 7000);
        });
        var resumed = store.AddRun("h", "resumed", log: run =>
        {
            for (var step = 0; step < 40; step++)
            {
                run.Log("loss", step * 0.5);
            }
        });
        using (var again = store.Init(new RunOptions { Id = resumed, Resume = ResumeMode.Must }))
        {
            for (var step = 0; step < 40; step++)
            {
                again.Log(new Dictionary<string, double> { ["loss"] = -step, ["lr"] = 0.1 });
            }

            again.Finish();
        }

        return store.Runs().OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyDictionary<string, MetricCurves> FromHistories(TempStore store, IEnumerable<StoredRun> runs, int buckets) =>
        CurveReference.FromHistories(store.Reader(), runs, buckets);

    private static List<string> Describe(IReadOnlyDictionary<string, MetricCurves> curves) => CurveReference.Describe(curves);
}
