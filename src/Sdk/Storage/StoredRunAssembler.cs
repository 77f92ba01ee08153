using System.Runtime.CompilerServices;
using Wandb.Environment;
using Wandb.Polyfills;

namespace Wandb.Storage;

/// <summary>
/// Builds a <see cref="StoredRun"/> from a run's metadata and its writers' states. Shared by every store so
/// the same runs read back identically from a folder or a database, and reports from either are equal.
/// </summary>
internal static class StoredRunAssembler
{
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static StoredRun Assemble(RunMetadataFile metadata, IReadOnlyList<WriterStateFile> states, IClock clock, string localHost)
    {
        var merged = WriterStateMerger.Merge(states, clock, localHost);
        var state = merged.State;
        if (states.Count == 0)
        {
            // Created a moment ago by a process that has not written its first state yet.
            state = clock.UtcNow - metadata.CreatedAt < WriterStateMerger.HeartbeatTimeout ? RunState.Running : RunState.Crashed;
        }

        return new StoredRun
        {
            Id = metadata.Id,
            Name = string.IsNullOrEmpty(metadata.Name) ? metadata.Id : metadata.Name,
            Project = metadata.Project,
            Group = metadata.Group,
            JobType = metadata.JobType,
            Tags = metadata.Tags ?? new List<string>(),
            Notes = metadata.Notes,
            Config = merged.Config,
            Summary = merged.Summary,
            State = state,
            ExitCode = merged.ExitCode,
            CreatedAt = metadata.CreatedAt,
            FinishedAt = state == RunState.Running ? null : merged.FinishedAt,
            UpdatedAt = merged.UpdatedAt ?? metadata.CreatedAt,
            HistoryRows = merged.Rows,
            System = metadata.System ?? new Runs.SystemInfo(),
        };
    }
}
