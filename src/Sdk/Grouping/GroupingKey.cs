using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Grouping;

/// <summary>
/// A column runs can be grouped by: <c>group</c>, <c>job_type</c>, <c>state</c>, <c>tags</c>,
/// <c>project</c>, or a config key as a flattened path (<c>optimizer.lr</c>, <c>batch_size</c>). A config key
/// that has the name of a built-in column is reached with the <c>config.</c> prefix (<c>config.group</c>).
/// </summary>
internal sealed class GroupingKey
{
    public const string Group = "group";
    public const string JobType = "job_type";
    public const string State = "state";
    public const string Tags = "tags";
    public const string Project = "project";
    public const string ConfigPrefix = "config.";

    private readonly Func<StoredRun, GroupValue> _read;

    private GroupingKey(string name, Func<StoredRun, GroupValue> read, Func<StoredRun, string?>? text = null)
    {
        Name = name;
        _read = read;
        TextOf = text;
    }

    /// <summary>
    /// For a key whose value is a run's text as it is (<c>group</c>, <c>job_type</c>, <c>state</c>, <c>project</c>), that
    /// text (null: the missing value): runs are bucketed by it without a value made per run; null for the other keys.
    /// </summary>
    public Func<StoredRun, string?>? TextOf { get; }

    /// <summary>The key as the user wrote it.</summary>
    public string Name { get; }

    /// <summary>The key named <paramref name="name"/>; anything but a built-in column is a config path.</summary>
    public static GroupingKey Parse(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"A grouping key must be group, job_type, state, tags, project or a config key such as optimizer.lr (got '{name}').", nameof(name));
        }

        var trimmed = name.Trim();
        return trimmed switch
        {
            Group => Text(trimmed, r => r.Group),
            JobType => Text(trimmed, r => r.JobType),
            State => Text(trimmed, r => r.State.ToName()),
            Project => Text(trimmed, r => r.Project),
            Tags => new GroupingKey(trimmed, TagsValue),
            _ => ConfigKey(trimmed),
        };
    }

    public GroupValue ValueOf(StoredRun run) => _read(run);

    public override string ToString() => Name;

    // A run's tags as a whole are its key ("a, b" in sorted order), as in W&B's table; no tags is the missing group.
    private static GroupValue TagsValue(StoredRun run)
    {
        var tags = run.Tags.Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();
        return tags.Count == 0 ? GroupValue.Missing : GroupValue.OfText(string.Join(", ", tags));
    }

    private static GroupingKey Text(string name, Func<StoredRun, string?> text) => new(name, r => GroupValue.OfText(text(r)), text);

    private static GroupingKey ConfigKey(string name)
    {
        var path = name.StartsWith(ConfigPrefix, StringComparison.Ordinal) && name.Length > ConfigPrefix.Length ? name.Substring(ConfigPrefix.Length) : name;
        return new GroupingKey(name, run =>
        {
            var flat = ConfigFlattener.Flatten(run.Config);
            if (flat.TryGetValue(path, out var value))
            {
                return GroupValue.Of(value);
            }

            // A key present in the config as a whole object ("optimizer") groups by the object itself.
            return run.Config.TryGetValue(path, out var whole) ? GroupValue.Of(whole) : GroupValue.Missing;
        });
    }
}
