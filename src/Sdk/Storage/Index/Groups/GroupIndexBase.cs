namespace Wandb.Storage.Index.Groups;

/// <summary>
/// The whole group index file (<c>index/groups.v2.jsonl</c>) that the file of changes beside it
/// (<c>groups.v2.delta.jsonl</c>, docs/store-format.md) is written against: its id, its length and its line of each
/// group. A group whose line is still the one the whole file holds (the same bytes in memory, read or written with it)
/// is not written again; a refresh of a 100,000-run store so writes the few kilobytes of the groups that changed since
/// the whole file was written instead of 3 MB.
/// </summary>
internal sealed class GroupIndexBase
{
    /// <param name="id">The whole file's id, a fingerprint of its group and uncounted lines, which the file of changes names.</param>
    /// <param name="length">The whole file's length in bytes: the file of changes is written while it stays within a share of it.</param>
    /// <param name="lines">The whole file's line of each group, as read or written.</param>
    public GroupIndexBase(string id, long length, IReadOnlyDictionary<GroupKey, ReadOnlyMemory<byte>> lines)
    {
        Id = id;
        Length = length;
        Lines = lines;
    }

    public string Id { get; }

    public long Length { get; }

    public IReadOnlyDictionary<GroupKey, ReadOnlyMemory<byte>> Lines { get; }

    /// <summary>Whether the whole file holds <paramref name="line"/> as the line of <paramref name="key"/>: the same bytes in memory, not only equal ones.</summary>
    public bool Holds(GroupKey key, ReadOnlyMemory<byte> line) => Lines.TryGetValue(key, out var held) && held.Equals(line);
}
