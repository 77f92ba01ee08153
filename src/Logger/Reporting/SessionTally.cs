using System.Globalization;

namespace Wandb.TestLogger.Reporting;

/// <summary>Counts the session's results per job type and outcome for the short summary printed at the end.</summary>
internal sealed class SessionTally
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, int[]> _byJobType = new(StringComparer.Ordinal);

    public void Add(TestResultInfo result)
    {
        var jobType = TestRunDescription.JobTypeOf(result);
        lock (_gate)
        {
            if (!_byJobType.TryGetValue(jobType, out var counts))
            {
                _byJobType[jobType] = counts = new int[3];
            }

            counts[Index(result.Outcome)]++;
        }
    }

    public IReadOnlyList<string> Lines(string group, string store)
    {
        lock (_gate)
        {
            var totals = new int[3];
            foreach (var counts in _byJobType.Values)
            {
                for (var i = 0; i < 3; i++)
                {
                    totals[i] += counts[i];
                }
            }

            var lines = new List<string> { $"group {group}: {Describe(totals)} in {store}" };
            lines.AddRange(_byJobType.Select(p => $"  {p.Key}: {Describe(p.Value)}"));
            return lines;
        }
    }

    private static int Index(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => 0,
        TestOutcome.Failed or TestOutcome.TimedOut => 1,
        _ => 2,
    };

    private static string Describe(int[] counts)
    {
        var runs = counts.Sum();
        var text = string.Format(CultureInfo.InvariantCulture, "{0} run{1} ({2} passed, {3} failed", runs, runs == 1 ? string.Empty : "s", counts[0], counts[1]);
        return text + (counts[2] > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} skipped)", counts[2]) : ")");
    }
}
