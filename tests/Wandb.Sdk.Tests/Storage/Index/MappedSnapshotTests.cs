using System.Globalization;
using System.Runtime.InteropServices;
using Newtonsoft.Json;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Index;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// A run index snapshot of a megabyte or more is mapped into memory instead of copied (except on Windows): the runs
/// listed from it, the group index's trust in the lines it fingerprinted, and a store object kept across another
/// process's append and whole rewrite of the file must all be as with a copy.
/// </summary>
[TestClass]
public sealed class MappedSnapshotTests
{
    private const int BatchRuns = 2_500;

    [TestMethod]
    public void A_mapped_snapshot_lists_the_runs_a_copy_does_and_is_appended_to_and_replaced_under_a_kept_store_object()
    {
        using var store = new TempStore();
        Append(store, "batch00", 0, BatchRuns);
        var folders = Enumerable.Range(0, 3).Select(i => store.AddRun("folders", "run" + i)).ToList();
        store.Reader().AggregateGroups();
        var snapshot = Path.Combine(store.Root, "index", "runs.v1.jsonl");
        Assert.IsTrue(new FileInfo(snapshot).Length >= 1 << 20, $"the snapshot is {new FileInfo(snapshot).Length} bytes, too small to be mapped");

        // A new store object maps the file, and the group index vouches for every line it fingerprinted from it.
        var kept = (FolderRunStore)store.Reader();
        var listing = kept.ListIndexed();
        var local = new[] { "ext4", "xfs", "btrfs", "tmpfs", "overlay", "apfs" }.Contains(new DriveInfo(snapshot).DriveFormat);
        Assert.AreEqual(!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && local, listing.SnapshotRead!.IsMapped, $"mapped on a local file system ({new DriveInfo(snapshot).DriveFormat}) outside Windows");
        AssertAgrees(store, kept, "mapped");
        Assert.AreEqual(0, kept.LinesFingerprinted, "lines of the mapped file the group index covers are not fingerprinted again");

        // Another writer appends: the kept object's mapping ends before the new lines, which its next listing reads.
        Append(store, "batch01", BatchRuns, 5);
        AssertAgrees(store, kept, "appended to while mapped");
        Assert.AreEqual(5, kept.LinesFingerprinted, "only the appended lines");

        // Another process deletes a run, which renames a new snapshot over the mapped one: the kept object's runs still
        // read (from the pages it mapped), and its next listing reads the new file.
        var shown = kept.ListRuns().Select(FullScan.Describe).ToList();
        CollectionAssert.AreEquivalent(WithoutIndex(store), shown);
        ((FolderRunStore)store.Reader()).DeleteRuns(new[] { folders[1] }, store.Output);
        CollectionAssert.AreEquivalent(WithoutIndex(store), kept.ListRuns().Select(FullScan.Describe).ToList(), "listed after the rewrite");
        Assert.AreEqual(BatchRuns + 5 + 2, kept.ListRuns().Count());
        AssertAgrees(store, kept, "replaced whole while mapped");
        Assert.AreEqual(0, store.Output.Warnings.Count, string.Join("\n", store.Output.Warnings));
    }

    [TestMethod]
    public void Snapshots_on_network_and_user_space_file_systems_are_read_into_memory_not_mapped()
    {
        foreach (var local in new[] { "ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "apfs" })
        {
            Assert.IsTrue(SnapshotFileBytes.MapsOn(local), local);
        }

        // Another machine can replace or remove the file under a mapping there, and a page that is gone kills the process.
        foreach (var remote in new[] { "nfs", "nfs4", "cifs", "smb2", "smbfs", "fuse", "fuseblk", "fuse.sshfs", "9p", "vboxsf", "ceph", string.Empty, null })
        {
            Assert.IsFalse(SnapshotFileBytes.MapsOn(remote), remote ?? "unknown");
        }
    }

    [TestMethod]
    public void A_snapshot_too_large_to_be_read_is_unusable_with_its_size_named_not_an_error_of_the_listing()
    {
        using var store = new TempStore();
        var path = Path.Combine(store.Root, "runs.v1.jsonl");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            // Sparse: no disk is used for the 2 GiB.
            file.SetLength(int.MaxValue + 1L);
        }

        Assert.IsNull(IndexSnapshot.TryRead(path, out var unusable));
        StringAssert.Contains(unusable, "could not be read");
        StringAssert.Contains(unusable, "2147483648 bytes");
    }

    private static void Append(TempStore store, string writer, int from, int count)
    {
        using var batch = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), writer);
        for (var i = from; i < from + count; i++)
        {
            var group = "g" + (i % 25).ToString("D2", CultureInfo.InvariantCulture);
            batch.Append(BatchRecords.Fold("b" + i.ToString("D7", CultureInfo.InvariantCulture), i % 5, writer, group: group, summary: new Dictionary<string, object?> { ["loss"] = 1.0 / (i + 1) }));
        }
    }

    /// <summary>The runs of a copy of the store without its index, which reads them from their folders and batch files.</summary>
    private static List<string> WithoutIndex(TempStore store)
    {
        using var copy = new TempStore();
        foreach (var file in Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).Where(f => !Path.GetRelativePath(store.Root, f).StartsWith("index", StringComparison.Ordinal)))
        {
            var target = Path.Combine(copy.Root, Path.GetRelativePath(store.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy.Runs().Select(FullScan.Describe).ToList();
    }

    /// <summary>The kept object's group aggregates are those of every run as a new store object lists them.</summary>
    private static void AssertAgrees(TempStore store, RunStore kept, string when)
    {
        var expected = JsonConvert.SerializeObject(GroupAggregator.Of(new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance).ListRuns().ToList()));
        Assert.AreEqual(expected, JsonConvert.SerializeObject(kept.AggregateGroups()), when);
    }
}
