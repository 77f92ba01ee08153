namespace Wandb.Grouping;

/// <summary>Run counts per state, summed: the states of a group, of several groups, of a list of runs.</summary>
internal static class RunStateCounts
{
    /// <summary>The states in their order, which is the order of every sum.</summary>
    private static readonly RunState[] States = (RunState[])Enum.GetValues(typeof(RunState));

    /// <summary>
    /// The counts summed per state, in <see cref="RunState"/> order: only the states given, a state given even when its
    /// counts sum to 0. Summed in an array by state rather than grouped and sorted: summary.md and the console sum the
    /// states of each of the 500 groups of a large store on every refresh.
    /// </summary>
    public static List<KeyValuePair<RunState, int>> Sum(IEnumerable<KeyValuePair<RunState, int>> counts)
    {
        var sums = new int[States.Length];
        var given = new bool[States.Length];
        foreach (var pair in counts)
        {
            sums[(int)pair.Key] += pair.Value;
            given[(int)pair.Key] = true;
        }

        var summed = new List<KeyValuePair<RunState, int>>();
        foreach (var state in States)
        {
            if (given[(int)state])
            {
                summed.Add(new KeyValuePair<RunState, int>(state, sums[(int)state]));
            }
        }

        return summed;
    }
}
