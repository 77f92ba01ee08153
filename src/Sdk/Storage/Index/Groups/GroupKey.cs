namespace Wandb.Storage.Index.Groups;

/// <summary>
/// What the store aggregates by: a project and a group (null for the project's runs without one). A class with its hash
/// computed once: a refresh of a 100,000-run store looks a key up several times per run, and the runs of a group share
/// the one key read from the group index, so most lookups end at the reference.
/// </summary>
internal sealed class GroupKey : IEquatable<GroupKey>
{
    private readonly int _hash;

    public GroupKey(string project, string? group)
    {
        Project = project;
        Group = group;
        _hash = unchecked((StringComparer.Ordinal.GetHashCode(project) * 31) + (group is null ? 0 : StringComparer.Ordinal.GetHashCode(group)));
    }

    public string Project { get; }

    public string? Group { get; }

    public bool Equals(GroupKey? other) =>
        ReferenceEquals(this, other) || (other is not null && other._hash == _hash && other.Project == Project && other.Group == Group);

    public override bool Equals(object? obj) => Equals(obj as GroupKey);

    public override int GetHashCode() => _hash;

    public override string ToString() => $"{Project}/{Group}";
}
