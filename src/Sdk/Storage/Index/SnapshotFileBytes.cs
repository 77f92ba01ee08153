using System.Runtime.InteropServices;
using Wandb.Polyfills;

namespace Wandb.Storage.Index;

/// <summary>
/// The bytes of the snapshot file as one listing read them, which the lines of the runs read then are slices of: the
/// file mapped into memory where that is safe (<see cref="MappedFileMemory"/>: a large file on a local file system, not
/// on Windows), else a copy in an array.
/// </summary>
internal sealed class SnapshotFileBytes
{
    /// <summary>Files smaller than this are copied: a small store's snapshot costs nothing to read, and a mapping has a cost of its own.</summary>
    private const long MapFrom = 1 << 20;

    /// <summary>
    /// The local file systems a snapshot is mapped on (<see cref="DriveInfo.DriveFormat"/> as .NET names them on Linux and
    /// macOS). On a network or user-space file system (NFS, SMB, FUSE, 9p) another machine can replace or remove the file
    /// under the mapping, and reading a page that is gone then kills the process instead of failing a read.
    /// </summary>
    private static readonly HashSet<string> LocalFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "ext", "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs", "tmpfs", "ramfs", "overlay", "overlayfs", "apfs", "hfs",
    };

    private readonly object _owner;

    private SnapshotFileBytes(ReadOnlyMemory<byte> memory, object owner)
    {
        Memory = memory;
        _owner = owner;
    }

    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Whether the file is mapped rather than copied.</summary>
    public bool IsMapped => _owner is MappedFileMemory;

    /// <summary>Reads the file whole, mapped when it is large and the system allows it.</summary>
    /// <exception cref="IOException">The file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static SnapshotFileBytes Read(string path)
    {
        // Writers append to the file and rename new ones over it while it is read (or mapped).
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        if (file.Length > int.MaxValue)
        {
            // About 2.8 million runs: the lines are addressed by 32-bit offsets, so the index is rebuilt from the runs instead.
            throw new IOException($"The run index snapshot is {file.Length} bytes, more than the {int.MaxValue} bytes it can be read as.");
        }

        if (file.Length >= MapFrom && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && MapsOn(FormatOf(path)))
        {
            try
            {
                var mapped = MappedFileMemory.Map(file);
                return new SnapshotFileBytes(mapped.Memory, mapped);
            }
            catch (Exception ex) when (ex is IOException or NotSupportedException or UnauthorizedAccessException)
            {
                // A file system that cannot map files (some network and virtual ones): read into memory instead.
                file.Position = 0;
            }
        }

        var bytes = new byte[checked((int)file.Length)];

        // Cut short while read (a concurrent rewrite): what was read is split into whole lines as any torn file is.
        var memory = new ReadOnlyMemory<byte>(bytes, 0, file.ReadFully(bytes));
        return new SnapshotFileBytes(memory, bytes);
    }

    /// <summary>Whether a snapshot on a file system of this format (<see cref="DriveInfo.DriveFormat"/>) is mapped; not when it is unknown.</summary>
    public static bool MapsOn(string? driveFormat) => driveFormat is not null && LocalFormats.Contains(driveFormat);

    private static string? FormatOf(string path)
    {
        try
        {
            // On Linux and macOS a DriveInfo of any path asks the file system that holds it (statfs).
            return new DriveInfo(path).DriveFormat;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="line"/> is a slice of these bytes, and where it ends in the file (just before its newline).
    /// </summary>
    public bool Holds(ReadOnlyMemory<byte> line, out long end)
    {
        if (MemoryMarshal.TryGetArray(line, out var segment) && ReferenceEquals(segment.Array, _owner))
        {
            end = segment.Offset + (long)segment.Count;
            return true;
        }

        if (MemoryMarshal.TryGetMemoryManager<byte, MappedFileMemory>(line, out var manager, out var start, out var length) && ReferenceEquals(manager, _owner))
        {
            end = start + (long)length;
            return true;
        }

        end = 0;
        return false;
    }
}
