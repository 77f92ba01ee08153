using System.Globalization;
using System.Text;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>"3 finished, 1 failed": how many runs are in each state, in state order, as the console and summary.md write it.</summary>
internal static class StateCountText
{
    /// <summary>The states in their order, which is the order of the text.</summary>
    private static readonly RunState[] States = (RunState[])Enum.GetValues(typeof(RunState));

    public static string Of(IEnumerable<StoredRun> runs) => Of(runs.Select(r => new KeyValuePair<RunState, int>(r.State, 1)));

    /// <summary>
    /// The counts summed per state: several groups' states give the states of all their runs. A state given is written even
    /// when its counts sum to 0. Summed in an array by state rather than grouped and sorted: summary.md writes this for each
    /// of the 500 groups of a large store on every refresh.
    /// </summary>
    public static string Of(IEnumerable<KeyValuePair<RunState, int>> counts)
    {
        var sums = new int[States.Length];
        var given = new bool[States.Length];
        foreach (var pair in counts)
        {
            sums[(int)pair.Key] += pair.Value;
            given[(int)pair.Key] = true;
        }

        var text = new StringBuilder();
        foreach (var state in States)
        {
            if (given[(int)state])
            {
                text.Append(text.Length == 0 ? string.Empty : ", ").Append(sums[(int)state].ToString(CultureInfo.InvariantCulture)).Append(' ').Append(state.ToName());
            }
        }

        return text.ToString();
    }
}
