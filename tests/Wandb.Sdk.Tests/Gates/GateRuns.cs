using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Gates;

/// <summary>Stored runs written by hand: one per value, in a group and job type, started a minute apart per group.</summary>
internal static class GateRuns
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static int _next;

    public static List<StoredRun> Group(string group, string jobType, string metric, double[] values, int minute, string? branch = null, RunState state = RunState.Finished, string project = "churn") =>
        values.Select((v, i) => new StoredRun
        {
            Id = "r" + Interlocked.Increment(ref _next).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
            Name = $"{group}-{i}",
            Project = project,
            Group = group,
            JobType = jobType,
            Summary = new Dictionary<string, object?> { [metric] = v },
            State = state,
            CreatedAt = Start.AddMinutes(minute).AddSeconds(i),
            System = new SystemInfo { GitBranch = branch, GitCommit = branch is null ? null : "c0ffee" + minute },
        }).ToList();
}
