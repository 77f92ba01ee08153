namespace Wandb.Storage;

/// <summary>Which runs <see cref="RunStore.ListRuns(RunFilter?)"/> returns; null properties match everything.</summary>
public sealed class RunFilter
{
    /// <summary>Only runs of this project.</summary>
    public string? Project { get; set; }

    /// <summary>Only runs of this group.</summary>
    public string? Group { get; set; }

    /// <summary>Only runs of this job type.</summary>
    public string? JobType { get; set; }

    /// <summary>Only runs in this state.</summary>
    public RunState? State { get; set; }

    /// <summary>Whether <paramref name="run"/> passes the filter.</summary>
    public bool Matches(StoredRun run) =>
        (Project is null || run.Project == Project)
        && (Group is null || run.Group == Group)
        && (JobType is null || run.JobType == JobType)
        && (State is null || run.State == State);
}
