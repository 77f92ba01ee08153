using System.Runtime;
using Wandb.Storage.Index;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// The region without collections a large index read takes is the process's: these tests check it is taken only
/// when worth it, ends with the read, and never fails or ends a region someone else holds. Not run in parallel with
/// other classes, whose allocations would count against the region.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class NoCollectionScopeTests
{
    private const long Large = 4 * NoCollectionScope.MinimumSnapshotBytes;

    [TestMethod]
    public void A_small_snapshot_is_read_with_collections_as_usual()
    {
        using (NoCollectionScope.ForSnapshot(NoCollectionScope.MinimumSnapshotBytes - 1))
        {
            Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
    }

    [TestMethod]
    public void A_large_snapshot_is_read_without_collections_until_the_read_ends()
    {
        var kept = new List<byte[]>();
        int collections;
        using (NoCollectionScope.ForSnapshot(Large))
        {
            Assert.AreEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            collections = GC.CollectionCount(0);
            for (var i = 0; i < 100_000; i++)
            {
                kept.Add(new byte[200]);
            }

            Assert.AreEqual(collections, GC.CollectionCount(0), "20 MB of small objects allocated without a collection");
        }

        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode, "the region ends with the read");
        GC.KeepAlive(kept);
    }

    [TestMethod]
    public void A_read_that_outgrows_its_estimate_ends_with_collections_and_no_error()
    {
        using (NoCollectionScope.ForSnapshot(NoCollectionScope.MinimumSnapshotBytes))
        {
            for (var i = 0; i < 2_000; i++)
            {
                GC.KeepAlive(new byte[1024 * 1024]);
            }
        }

        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [TestMethod]
    public void A_region_the_process_already_holds_is_left_to_its_owner()
    {
        Assert.IsTrue(GC.TryStartNoGCRegion(Large));
        Assert.AreEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode, "started");
        try
        {
            using (NoCollectionScope.ForSnapshot(Large))
            {
            }

            Assert.AreEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode, "the other region is still in place");
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
