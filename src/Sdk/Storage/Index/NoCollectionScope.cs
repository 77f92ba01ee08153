using System.Runtime;

namespace Wandb.Storage.Index;

/// <summary>
/// Holds off garbage collections while the run index is read. Nearly everything a listing allocates (the snapshot's
/// bytes, then every run's documents and assembled run) survives it, so each collection during the read copied
/// tens of megabytes of live runs from generation to generation: a third to a half of the wall time of listing
/// 100,000 runs. The collector is asked for room for the whole read up front instead
/// (<see cref="GC.TryStartNoGCRegion(long)"/>); when it cannot give it, or another part of the process holds such a
/// region, or the read allocates more than estimated, collections simply happen as before. The region is the
/// process's, so it is only taken for large snapshots and ended as soon as the read is done.
/// </summary>
internal sealed class NoCollectionScope : IDisposable
{
    /// <summary>Snapshots smaller than this (about 20,000 runs) are read without a region: their collections are cheap.</summary>
    public const long MinimumSnapshotBytes = 16L * 1024 * 1024;

    /// <summary>Bytes allocated per byte of snapshot while reading it, with room to spare (measured: about 5).</summary>
    private const long AllocationPerSnapshotByte = 7;

    /// <summary>The most a listing asks to allocate without collections; a larger snapshot is read with them.</summary>
    private const long MaximumRegionBytes = 2L * 1024 * 1024 * 1024;

    private readonly bool _started;

    private NoCollectionScope(bool started) => _started = started;

    /// <summary>Starts a region sized for reading a snapshot of <paramref name="snapshotBytes"/>, when that is worth it and possible.</summary>
    public static NoCollectionScope ForSnapshot(long snapshotBytes)
    {
        var size = snapshotBytes * AllocationPerSnapshotByte;

        // Asking while another region is in place ends that one (measured on .NET 10): the process's own comes first.
        if (snapshotBytes < MinimumSnapshotBytes || size > MaximumRegionBytes || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new NoCollectionScope(false);
        }

        try
        {
            return new NoCollectionScope(GC.TryStartNoGCRegion(size));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Larger than this runtime allows, or another thread started a region since the check.
            return new NoCollectionScope(false);
        }
    }

    public void Dispose()
    {
        // A read that outgrew its estimate ended the region with a collection already.
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // Ended by a collection between the check and the call.
            }
        }
    }
}
