using Wandb.Environment;

namespace Wandb.Storage;

/// <summary>
/// A writer killed outright last recorded its state up to a state interval before its last rows reached the
/// history. Readers therefore take the rows past those its state counts as what the writer really left: they are
/// added to its row count, last step and last values, so a crashed run's summary and row count agree exactly
/// with the history that survived. Every store reads a crashed writer's state through here.
/// </summary>
internal static class CrashedWriters
{
    public static bool IsCrashed(WriterStateFile state, IClock clock, string localHost) =>
        WriterStateMerger.EffectiveState(state, clock, localHost) == RunState.Crashed;

    /// <summary>Adds <paramref name="rowsPastState"/>, the writer's rows after the first <c>state.Rows</c>, to <paramref name="state"/> (changed in place).</summary>
    public static WriterStateFile CatchUp(WriterStateFile state, IEnumerable<HistoryRow> rowsPastState)
    {
        Dictionary<string, double>? last = null;
        foreach (var row in rowsPastState)
        {
            last ??= new Dictionary<string, double>(state.Last, StringComparer.Ordinal);
            foreach (var pair in row.Values)
            {
                last[pair.Key] = pair.Value;
            }

            state.Rows++;
            if (state.LastStep is null || row.Step > state.LastStep)
            {
                state.LastStep = row.Step;
            }
        }

        if (last is not null)
        {
            state.Last = last;
        }

        return state;
    }
}
