using Wandb.Environment;

namespace Wandb.Storage;

/// <summary>
/// Combines the state files of every process that wrote to a run into the run's config, summary and state.
/// Config merges in writer start order; a metric's last value comes from the writer updated most recently;
/// explicit summary values win over last values. The run is running while any writer is alive, crashed if a
/// writer died without finishing, else failed, killed or finished.
/// </summary>
internal static class WriterStateMerger
{
    /// <summary>A writer on another host whose heartbeat is older than this counts as dead.</summary>
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromMinutes(2);

    public static MergedWriters Merge(IReadOnlyList<WriterStateFile> writers, IClock clock, string localHost)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var writer in writers.OrderBy(w => w.StartedAt).ThenBy(w => w.Writer, StringComparer.Ordinal))
        {
            foreach (var pair in writer.Config)
            {
                config[pair.Key] = pair.Value;
            }
        }

        var byUpdate = writers.OrderBy(w => w.UpdatedAt).ThenBy(w => w.Writer, StringComparer.Ordinal).ToList();
        foreach (var writer in byUpdate)
        {
            foreach (var pair in writer.Last)
            {
                summary[pair.Key] = pair.Value;
            }
        }

        foreach (var writer in byUpdate)
        {
            foreach (var pair in writer.Summary)
            {
                summary[pair.Key] = pair.Value;
            }
        }

        var states = writers.Select(w => EffectiveState(w, clock, localHost)).ToList();
        var state = CombineStates(states);
        int? exitCode = null;
        DateTimeOffset? finishedAt = null;
        if (state != RunState.Running && writers.Count > 0)
        {
            finishedAt = writers.Max(w => w.FinishedAt ?? w.UpdatedAt);
            exitCode = writers.Where(w => w.ExitCode is not null and not 0).OrderBy(w => w.FinishedAt).Select(w => w.ExitCode).FirstOrDefault()
                ?? (state == RunState.Crashed ? null : writers.Select(w => w.ExitCode).FirstOrDefault(c => c is not null));
        }

        return new MergedWriters(
            config,
            summary,
            state,
            exitCode,
            finishedAt,
            writers.Count == 0 ? (DateTimeOffset?)null : writers.Max(w => w.UpdatedAt),
            writers.Sum(w => w.Rows),
            writers.Count == 0 ? null : writers.Max(w => w.LastStep));
    }

    public static RunState EffectiveState(WriterStateFile writer, IClock clock, string localHost)
    {
        var state = RunStateNames.Parse(writer.State);
        if (state != RunState.Running)
        {
            return state;
        }

        var alive = string.Equals(writer.Host, localHost, StringComparison.OrdinalIgnoreCase)
            ? ProcessLiveness.IsAlive(writer.Pid, writer.ProcessStartedAt)
            : clock.UtcNow - writer.UpdatedAt < HeartbeatTimeout;
        return alive ? RunState.Running : RunState.Crashed;
    }

    public static RunState CombineStates(IReadOnlyCollection<RunState> states)
    {
        if (states.Count == 0)
        {
            return RunState.Crashed;
        }

        foreach (var candidate in new[] { RunState.Running, RunState.Crashed, RunState.Failed, RunState.Killed })
        {
            if (states.Contains(candidate))
            {
                return candidate;
            }
        }

        return RunState.Finished;
    }
}
