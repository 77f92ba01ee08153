namespace Wandb.Interop.Import;

/// <summary>
/// Applies W&amp;B's config and summary items to nested dictionaries: an item names a path (its
/// <c>nested_key</c>, else its <c>key</c>) and sets or removes the value there.
/// </summary>
internal static class NestedValues
{
    /// <summary>Sets the value at <paramref name="path"/>; with <paramref name="mergeObjects"/> a dictionary merges into one already there, as W&amp;B's config does.</summary>
    public static void Set(Dictionary<string, object?> root, IReadOnlyList<string> path, object? value, bool mergeObjects)
    {
        var parent = Parent(root, path, create: true)!;
        var key = path[path.Count - 1];
        if (mergeObjects && value is Dictionary<string, object?> incoming && parent.TryGetValue(key, out var current) && current is Dictionary<string, object?> existing)
        {
            foreach (var pair in incoming)
            {
                Set(existing, new[] { pair.Key }, pair.Value, mergeObjects);
            }

            return;
        }

        parent[key] = value;
    }

    public static void Remove(Dictionary<string, object?> root, IReadOnlyList<string> path) =>
        Parent(root, path, create: false)?.Remove(path[path.Count - 1]);

    private static Dictionary<string, object?>? Parent(Dictionary<string, object?> root, IReadOnlyList<string> path, bool create)
    {
        var node = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node.TryGetValue(path[i], out var child) || child is not Dictionary<string, object?> next)
            {
                if (!create)
                {
                    return null;
                }

                next = new Dictionary<string, object?>(StringComparer.Ordinal);
                node[path[i]] = next;
            }

            node = next;
        }

        return node;
    }
}
