using System.Text;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;
using Wandb.Storage.Merging;
using Wandb.Storage.Postgres;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>The PostgreSQL writer's local copy: what the sender reads back, and what a merge finds after a kill.</summary>
[TestClass]
public sealed class SpillCopyTests
{
    [TestMethod]
    public void Any_range_of_rows_reads_back_from_the_copy_with_its_step_and_timestamp_across_batches_and_restarts()
    {
        using var store = new TempStore();
        using var copy = new SpillJournal(PhysicalStoreFileSystem.Instance, store.Root, Run("copied"), "writer01", "postgresql://db", SystemClock.Instance);
        copy.Restart(0);
        var batches = Batches(firstSeq: 0, sizes: new[] { 3, 1000, 7, 250 });
        batches.ForEach(copy.Append);

        foreach (var (from, count) in new[] { (0L, 3), (3L, 1000), (0L, 1260), (2L, 5), (500L, 510), (1010L, 250), (1259L, 1) })
        {
            var read = LineBatch.Parse(from, copy.Read(from, count), new HistoryLineParser());
            var expected = batches.SelectMany(b => b.Lines.Select((line, i) => (Seq: b.FirstSeq + i, Line: line, Step: b.Steps[i], Time: b.Timestamps[i]))).Skip((int)from).Take(count).ToList();
            CollectionAssert.AreEqual(expected.Select(e => e.Line).ToList(), read.Lines.ToList(), $"rows {from} to {from + count - 1}");
            CollectionAssert.AreEqual(expected.Select(e => e.Step).ToList(), read.Steps.ToList());
            CollectionAssert.AreEqual(expected.Select(e => e.Time).ToList(), read.Timestamps.ToList());
        }

        copy.Restart(1260);
        var later = Batches(firstSeq: 1260, sizes: new[] { 40 });
        copy.Append(later[0]);
        CollectionAssert.AreEqual(later[0].Lines.Skip(10).Take(20).ToList(), copy.Read(1270, 20).ToList(), "after a restart the copy numbers its lines from the new first row");
        Assert.ThrowsExactly<InvalidOperationException>(() => copy.Read(1250, 20), "rows before the restart are gone");
    }

    [TestMethod]
    public void A_copy_left_by_a_killed_writer_merges_from_its_first_seq_even_without_run_json()
    {
        using var store = new TempStore();
        var run = Run("killedpg");
        var spill = Path.Combine(store.Root, "spill");
        using (var copy = new SpillJournal(PhysicalStoreFileSystem.Instance, spill, run, "writer01", "postgresql://db", SystemClock.Instance))
        {
            copy.Restart(0);
            copy.Append(Batches(0, new[] { 100 })[0]);
            copy.Restart(100);
            copy.Append(Batches(100, new[] { 50 })[0]);
            copy.WriteState(StoreCodec.Serialize(new WriterStateFile { Writer = "writer01", Host = SystemInfoCollector.SafeHostName(), Pid = int.MaxValue, State = "running", Rows = 120, StartedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow }), durable: false);
        }

        var destination = Path.Combine(store.Root, "merged");
        var result = StoreMerger.Merge(new[] { spill }, new FolderMergeDestination(destination, PhysicalStoreFileSystem.Instance, store.Output), store.Output);

        Assert.AreEqual(1, result.RunsAdded, "the marker names the run, so the merge creates it");
        var merged = new FolderRunStore(destination, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance);
        CollectionAssert.AreEqual(Enumerable.Range(100, 50).Select(i => (long)i).ToList(), merged.ReadHistory("killedpg").Select(r => r.Step).ToList());
        Assert.AreEqual(150, merged.GetRun("killedpg")!.HistoryRows, "the crashed writer's state is caught up with the 30 rows past it");
    }

    private static RunMetadataFile Run(string id) => new() { Id = id, Name = id, Project = "p", CreatedAt = DateTimeOffset.UtcNow };

    private static List<LineBatch> Batches(long firstSeq, int[] sizes)
    {
        var format = new HistoryLineWriter();
        var builder = new StringBuilder();
        var batches = new List<LineBatch>();
        var seq = firstSeq;
        foreach (var size in sizes)
        {
            var rows = Enumerable.Range(0, size)
                .Select(i => new PendingRow(seq + i, (seq + i) * 0.01, 1_764_433_739.25 + ((seq + i) * 0.001), new[] { "loss", "é \"quoted\"" }, new[] { 1.0 / (seq + i + 1), double.NaN }))
                .ToList();
            batches.Add(LineBatch.Encode(rows, seq, format, builder));
            seq += size;
        }

        return batches;
    }
}
