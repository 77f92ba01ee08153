using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>The grouped runs of one project and job type (<see cref="TrendRuns"/>), which a trend follows.</summary>
internal sealed class JobTypeRuns
{
    private int? _groupCount;

    public JobTypeRuns(string project, string jobType)
    {
        Project = project;
        JobType = jobType;
    }

    public string Project { get; }

    public string JobType { get; }

    public List<StoredRun> Runs { get; } = new();

    /// <summary>How many points a trend of these runs can have: one per group, at most <paramref name="count"/>.</summary>
    public int Bound(int count) => Math.Min(count, GroupCount());

    /// <summary>How many groups the runs are in; asked while sorting, so counted once.</summary>
    private int GroupCount() =>
        Runs.Count < 2 ? Runs.Count : _groupCount ??= new HashSet<string>(Runs.Select(r => r.Group!), StringComparer.Ordinal).Count;
}
