namespace Wandb.Grouping;

/// <summary>Runs grouped by a list of keys, nested in order; with no keys, one row per run.</summary>
internal sealed class RunGrouping
{
    public RunGrouping(IReadOnlyList<GroupingKey> keys, IReadOnlyList<RunGroup> groups)
    {
        Keys = keys;
        Groups = groups;
    }

    public IReadOnlyList<GroupingKey> Keys { get; }

    /// <summary>The rows, ordered by the key values (outermost first), the missing group last at each level.</summary>
    public IReadOnlyList<RunGroup> Groups { get; }

    public bool IsOff => Keys.Count == 0;

    /// <summary>Whether the runs are grouped by <c>group</c> alone, as a store aggregates them and runs.json lists them.</summary>
    public bool IsByGroup => Keys.Count == 1 && Keys[0].Name == GroupingKey.Group;

    /// <summary>"group / job_type", or "run" when grouping is off.</summary>
    public string Title => IsOff ? "run" : string.Join(" / ", Keys.Select(k => k.Name));
}
