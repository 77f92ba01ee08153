using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Wandb.Storage.Index;

/// <summary>
/// A file mapped read-only into memory, as the <see cref="ReadOnlyMemory{T}"/> the snapshot's lines are slices of. The
/// pages are the file system cache's own, so reading a 100,000-run snapshot (76 MB) touches no new memory: copying it
/// into a new array cost 200-280 ms of a listing on a two-core virtual machine, where every fresh page is a fault, and
/// made the process 76 MB larger. The mapping lives as long as any line of it (a slice holds this object) and is
/// released by the view's own finalizer once none does.
/// </summary>
/// <remarks>
/// Only on systems where a mapped file can still be renamed over and appended to (not Windows): the index replaces its
/// snapshot whole by renaming a new file over it, and the old file's pages stay mapped for whoever still reads them.
/// The index only ever appends to a snapshot or cuts off a torn append past its last whole segment, so no line a
/// listing read changes or disappears under it.
/// </remarks>
internal sealed unsafe class MappedFileMemory : MemoryManager<byte>
{
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly int _length;

    private MappedFileMemory(MemoryMappedViewAccessor view, int length)
    {
        _view = view;
        _length = length;

        // The view's handle is not reference-counted here: a line in use keeps this object, and with it the view, alive.
        _start = (byte*)view.SafeMemoryMappedViewHandle.DangerousGetHandle() + view.PointerOffset;
    }

    /// <summary>Maps the whole file as it is now.</summary>
    /// <exception cref="IOException">The file could not be opened or mapped.</exception>
    public static MappedFileMemory Map(FileStream file)
    {
        var length = checked((int)file.Length);
        using var map = MemoryMappedFile.CreateFromFile(file, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);

        // The view keeps the pages mapped after the map and the file are closed.
        return new MappedFileMemory(map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), length);
    }

    public override Span<byte> GetSpan() => new(_start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) =>
        elementIndex < 0 || elementIndex > _length ? throw new ArgumentOutOfRangeException(nameof(elementIndex)) : new MemoryHandle(_start + elementIndex);

    public override void Unpin()
    {
        // Mapped pages do not move.
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _view.Dispose();
        }
    }
}
