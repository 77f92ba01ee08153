using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Index;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// The heads of the snapshot's base (<c>index/runs.v1.heads</c>, docs/store-format.md, "The run index"): written beside
/// every base written whole, they find the base's lines without reading them, and a listing from them is the listing of
/// the snapshot read line by line. A file that does not belong to the base, torn or damaged, is not used.
/// </summary>
[TestClass]
public sealed class RunHeadsTests
{
    [TestMethod]
    public void A_base_written_whole_has_its_heads_beside_it_and_reads_from_them_as_from_its_lines()
    {
        using var store = IndexedStore(out var live);
        try
        {
            Assert.IsTrue(File.Exists(HeadsPath(store)), "the heads are written beside the base");
            var fromHeads = Read(store);
            Assert.IsTrue(fromHeads.BaseFromHeads, "the base's lines are found by the heads");
            Assert.IsTrue(fromHeads.Runs.Values.Any(r => r.Live) && fromHeads.Runs.Values.Any(r => r.HasFolder) && fromHeads.Runs.Values.Any(r => !r.HasFolder), "live, folder and batch runs alike");

            File.Delete(HeadsPath(store));
            var lineByLine = Read(store);
            Assert.IsFalse(lineByLine.BaseFromHeads);
            Assert.AreEqual(Describe(lineByLine), Describe(fromHeads));
            CollectionAssert.AreEqual(FullScan.Of(store.Root), FullScan.Listing(store.Reader()), "without the heads");
        }
        finally
        {
            live.Dispose();
        }
    }

    [TestMethod]
    public void A_base_without_heads_gets_them_from_its_first_listing()
    {
        // As a base written whole by an earlier version: its first listing by this one reads it line by line.
        using var store = IndexedStore(out var live);
        live.Dispose();
        var listed = FullScan.Listing(store.Reader());
        var written = File.ReadAllBytes(HeadsPath(store));
        File.Delete(HeadsPath(store));

        CollectionAssert.AreEqual(listed, FullScan.Listing(store.Reader()));
        CollectionAssert.AreEqual(written, File.ReadAllBytes(HeadsPath(store)), "the heads the listing wrote are those written with the base");
        Assert.IsTrue(Read(store).BaseFromHeads);
        CollectionAssert.AreEqual(listed, FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    public void Segments_appended_after_the_base_are_read_past_the_heads_and_their_latest_lines_win()
    {
        using var store = IndexedStore(out var live);
        live.Dispose();
        var rerun = store.Runs().First(r => r.Group == "g").Id;
        using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01"))
        {
            writer.Append(BatchRecords.Fold("b0000009", 9, "batch01", group: "later"));
        }

        store.AddRun("g", "added");
        IndexJournal.Touch(new StoreLayout(store.Root), rerun);
        var listed = FullScan.Listing(store.Reader());
        Assert.IsTrue(Read(store).BaseFromHeads, "the segments did not change the base");
        CollectionAssert.AreEqual(FullScan.Of(store.Root), listed);

        var fromHeads = Describe(Read(store));
        File.Delete(HeadsPath(store));
        Assert.AreEqual(Describe(Read(store)), fromHeads);
        CollectionAssert.AreEqual(listed, FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    [DataRow("another generation's")]
    [DataRow("torn")]
    [DataRow("damaged")]
    [DataRow("empty")]
    public void Heads_that_do_not_belong_to_the_base_are_not_used_and_the_listing_is_the_same(string what)
    {
        using var store = IndexedStore(out var live);
        live.Dispose();
        var listed = FullScan.Listing(store.Reader());
        var heads = File.ReadAllBytes(HeadsPath(store));
        var expected = Describe(Read(store));

        switch (what)
        {
            case "another generation's":
                // A base written whole again (a run deleted) gets a generation of its own; the heads of the one before stay.
                var deleted = store.Runs().First(r => r.Group == "g").Id;
                store.Reader().DeleteRuns(new[] { deleted }, store.Output);
                store.Runs();
                CollectionAssert.AreNotEqual(heads, File.ReadAllBytes(HeadsPath(store)), "the new base's heads");
                File.WriteAllBytes(HeadsPath(store), heads);
                expected = null;
                listed = FullScan.Of(store.Root);
                break;
            case "torn":
                File.WriteAllBytes(HeadsPath(store), heads.Take(heads.Length / 2).ToArray());
                break;
            case "damaged":
                heads[heads.Length / 2] ^= 0x20;
                File.WriteAllBytes(HeadsPath(store), heads);
                break;
            case "empty":
                File.WriteAllBytes(HeadsPath(store), Array.Empty<byte>());
                break;
        }

        var read = Read(store);
        Assert.IsFalse(read.BaseFromHeads, what + " heads are not used");
        if (expected is not null)
        {
            Assert.AreEqual(expected, Describe(read), what);
        }

        var reader = store.Reader();
        CollectionAssert.AreEqual(listed, FullScan.Listing(reader), what);
        Assert.IsNull(reader.IndexRebuildReason, what + " heads are no damage to the index");
    }

    /// <summary>Folder runs in two groups, batch records and a live run, listed once so the base and its heads are written.</summary>
    private static TempStore IndexedStore(out Run live)
    {
        var store = new TempStore();
        for (var i = 0; i < 6; i++)
        {
            store.AddRun(i < 3 ? "g" : "h", "run" + i);
        }

        using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01"))
        {
            writer.Append(BatchRecords.Fold("b0000001", 0, "batch01", group: "batched"));
            writer.Append(BatchRecords.Fold("b0000002", 1, "batch01", group: "batched"));
        }

        live = store.Init(new RunOptions { Project = "proj", Group = "build", Name = "live" });
        File.Delete(Path.Combine(store.Root, "index", IndexFiles.SnapshotFile));
        store.Runs();
        return store;
    }

    private static IndexSnapshot Read(TempStore store) =>
        IndexSnapshot.TryRead(Path.Combine(store.Root, "index", IndexFiles.SnapshotFile), out var unusable) ?? throw new AssertFailedException("unusable: " + unusable);

    /// <summary>Every run of the snapshot as read: id, flags and line.</summary>
    private static string Describe(IndexSnapshot snapshot) =>
        string.Join("\n", snapshot.Runs.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id} {r.HasFolder} {r.Live} {System.Text.Encoding.UTF8.GetString(r.Line!.Value.ToArray())}"));

    private static string HeadsPath(TempStore store) => Path.Combine(store.Root, "index", RunHeads.FileName);
}
