using Wandb.Grouping;
using Wandb.Grouping.Statistics;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// What a group is compared with: per job type and metric the n, mean and std of a finished group of the
/// store, or of a baseline file that a repository committed. Runs without a job type are not gated.
/// </summary>
internal sealed class Baseline
{
    public Baseline(string name, bool isFile, string? group, string? commit, string? branch, DateTimeOffset? time, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MetricStatistics>> jobTypes)
    {
        Name = name;
        IsFile = isFile;
        Group = group;
        Commit = commit;
        Branch = branch;
        Time = time;
        JobTypes = jobTypes;
    }

    /// <summary>The group name, or the file's path for a baseline file.</summary>
    public string Name { get; }

    public bool IsFile { get; }

    /// <summary>The group the statistics come from (for a file, the group it was saved from).</summary>
    public string? Group { get; }

    public string? Commit { get; }

    public string? Branch { get; }

    /// <summary>When the group's last run started.</summary>
    public DateTimeOffset? Time { get; }

    /// <summary>Statistics by job type, then metric.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, MetricStatistics>> JobTypes { get; }

    /// <summary>How messages name it: "group build-x" or "file wandb-baseline.json (group build-x)".</summary>
    public string Describe() => IsFile ? $"baseline file {Name}" + (Group is null ? string.Empty : $" (group {Group})") : $"baseline group {Name}";

    /// <summary>The baseline's statistics of <paramref name="metric"/> for <paramref name="jobType"/>, or null when it has none.</summary>
    public MetricStatistics? Find(string jobType, string metric) =>
        JobTypes.TryGetValue(jobType, out var metrics) && metrics.TryGetValue(metric, out var stats) && stats.N > 0 ? stats : null;

    /// <summary>The statistics of the runs of <paramref name="group"/>, per job type.</summary>
    public static Baseline FromGroup(string group, IReadOnlyCollection<StoredRun> runs)
    {
        var jobTypes = runs
            .Where(r => r.JobType is not null)
            .GroupBy(r => r.JobType!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => SummaryStatistics.Of(g), StringComparer.Ordinal);
        var latest = runs.Count == 0 ? (DateTimeOffset?)null : runs.Max(r => r.CreatedAt);
        var system = runs.OrderByDescending(r => r.CreatedAt).Select(r => r.System).FirstOrDefault(s => s.GitCommit is not null);
        return new Baseline(group, isFile: false, group, system?.GitCommit, system?.GitBranch, latest, jobTypes);
    }
}
