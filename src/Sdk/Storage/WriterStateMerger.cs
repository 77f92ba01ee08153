using System.Runtime.CompilerServices;
using Wandb.Environment;
using Wandb.Polyfills;

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

    /// <summary>The state a run takes when any of its writers is in it, first match first.</summary>
    private static readonly RunState[] Precedence = { RunState.Running, RunState.Crashed, RunState.Failed, RunState.Killed };

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static MergedWriters Merge(IReadOnlyList<WriterStateFile> writers, IClock clock, string localHost)
    {
        // Plain loops rather than LINQ: a listing through the run index assembles 100,000 runs, and the
        // enumerators, sorters and closures were most of what it allocated. Same orders, same ties.
        var config = MergedConfig(writers);
        var summary = MergedSummary(writers);
        // One writer's state is the run's; several are combined (the list is only paid for then).
        var state = writers.Count == 1
            ? EffectiveState(writers[0], clock, localHost)
            : CombineStates(writers.Select(w => EffectiveState(w, clock, localHost)).ToList());
        DateTimeOffset? updatedAt = null;
        long rows = 0;
        long? lastStep = null;
        foreach (var writer in writers)
        {
            updatedAt = Later(updatedAt, writer.UpdatedAt);
            rows = checked(rows + writer.Rows);
            if (writer.LastStep is { } step && (lastStep is null || step > lastStep))
            {
                lastStep = step;
            }
        }

        int? exitCode = null;
        DateTimeOffset? finishedAt = null;
        if (state != RunState.Running && writers.Count > 0)
        {
            WriterStateFile? firstFailure = null;
            int? firstCode = null;
            foreach (var writer in writers)
            {
                finishedAt = Later(finishedAt, writer.FinishedAt ?? writer.UpdatedAt);
                if (writer.ExitCode is not null and not 0 && (firstFailure is null || Comparer<DateTimeOffset?>.Default.Compare(writer.FinishedAt, firstFailure.FinishedAt) < 0))
                {
                    firstFailure = writer;
                }

                firstCode ??= writer.ExitCode;
            }

            exitCode = firstFailure?.ExitCode ?? (state == RunState.Crashed ? null : firstCode);
        }

        return new MergedWriters(config, summary, state, exitCode, finishedAt, updatedAt, rows, lastStep);
    }

    /// <summary>
    /// Config in writer start order, later writers winning. A single writer's own dictionary is the run's: readers
    /// parse a fresh one per read and never change it, and copying it cost every listed run an allocation.
    /// </summary>
    private static IReadOnlyDictionary<string, object?> MergedConfig(IReadOnlyList<WriterStateFile> writers)
    {
        if (writers.Count == 1)
        {
            return writers[0].Config;
        }

        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var writer in Ordered(writers, w => w.StartedAt))
        {
            foreach (var pair in writer.Config)
            {
                config[pair.Key] = pair.Value;
            }
        }

        return config;
    }

    /// <summary>Last values by the writer updated most recently, then explicit summary values over them; a single writer's explicit values as they are when it logged none.</summary>
    private static IReadOnlyDictionary<string, object?> MergedSummary(IReadOnlyList<WriterStateFile> writers)
    {
        if (writers.Count == 1 && writers[0].Last.Count == 0)
        {
            return writers[0].Summary;
        }

        var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
        var byUpdate = Ordered(writers, w => w.UpdatedAt);
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

        return summary;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
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

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static RunState CombineStates(IReadOnlyCollection<RunState> states)
    {
        if (states.Count == 0)
        {
            return RunState.Crashed;
        }

        foreach (var candidate in Precedence)
        {
            if (states.Contains(candidate))
            {
                return candidate;
            }
        }

        return RunState.Finished;
    }

    /// <summary>The writers by <paramref name="key"/>, then by name (a stable sort, as before); one writer as it is.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static IReadOnlyList<WriterStateFile> Ordered(IReadOnlyList<WriterStateFile> writers, Func<WriterStateFile, DateTimeOffset> key) =>
        writers.Count < 2 ? writers : writers.OrderBy(key).ThenBy(w => w.Writer, StringComparer.Ordinal).ToList();

    /// <summary>The later of two times; of two equal instants the first (as Enumerable.Max keeps it, offset included).</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && candidate.CompareTo(value) <= 0 ? value : candidate;
}
