using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>One group's runs of the project and job type a trend follows, and when the newest of them was created.</summary>
internal sealed class GroupRuns
{
    private GroupRuns(string group)
    {
        Group = group;
    }

    public string Group { get; }

    /// <summary>When the group's newest run was created (the first of equal times).</summary>
    public DateTimeOffset Time { get; private set; }

    public List<StoredRun> Runs { get; } = new();

    /// <summary>
    /// The groups of the runs of <paramref name="project"/> and <paramref name="jobType"/>, oldest first (then by name,
    /// ordinal), each with its runs in the order given. Gathered by a loop and sorted as a list of objects rather than
    /// through LINQ over tuples: a report at the end of a test run runs in a fresh process, where each generic method
    /// over a new value type is compiled before it runs.
    /// </summary>
    public static List<GroupRuns> OldestFirst(IEnumerable<StoredRun> runs, string project, string jobType)
    {
        var byName = new Dictionary<string, GroupRuns>(StringComparer.Ordinal);
        var groups = new List<GroupRuns>();
        foreach (var run in runs)
        {
            if (run.Project != project || run.Group is not { } name || run.JobType != jobType)
            {
                continue;
            }

            if (!byName.TryGetValue(name, out var group))
            {
                byName.Add(name, group = new GroupRuns(name));
                groups.Add(group);
            }

            group.Add(run);
        }

        groups.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Group, b.Group));
        return groups;
    }

    private void Add(StoredRun run)
    {
        if (Runs.Count == 0 || run.CreatedAt > Time)
        {
            Time = run.CreatedAt;
        }

        Runs.Add(run);
    }
}
