using System.Globalization;
using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>"3 finished, 1 failed": how many runs are in each state, in state order, as the console and summary.md write it.</summary>
internal static class StateCountText
{
    public static string Of(IEnumerable<StoredRun> runs) => Of(runs.Select(r => new KeyValuePair<RunState, int>(r.State, 1)));

    /// <summary>The counts summed per state (<see cref="RunStateCounts.Sum"/>): several groups' states give the states of all their runs.</summary>
    public static string Of(IEnumerable<KeyValuePair<RunState, int>> counts) =>
        string.Join(", ", RunStateCounts.Sum(counts).Select(p => p.Value.ToString(CultureInfo.InvariantCulture) + " " + p.Key.ToName()));
}
