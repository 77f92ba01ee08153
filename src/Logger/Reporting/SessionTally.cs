using System.Globalization;
using Wandb.Testing;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Counts the session's results per job type and outcome for the short summary printed at the end. Failing
/// job types come first, each with its failed tests and their messages' synopses (<see cref="Reports.FailureSynopsis"/>),
/// so the cut that keeps the summary short never hides a failure; the passing job types fill the rest of the
/// lines. These are the session's only failure lines: the reports' console lines leave failures to them.
/// </summary>
internal sealed class SessionTally
{
    /// <summary>A summary, not a listing: thousands of test methods would bury the test output.</summary>
    public const int MaxJobTypeLines = 10;

    /// <summary>Failed tests named per job type; the rest are counted.</summary>
    public const int MaxFailuresPerJobType = 3;

    private readonly object _gate = new();
    private readonly string _group;
    private readonly TestJobTypeFormat _jobTypes;
    private readonly SortedDictionary<string, JobTypeCounts> _byJobType = new(StringComparer.Ordinal);

    /// <param name="group">The session's group.</param>
    /// <param name="jobTypes">How results are named as job types.</param>
    public SessionTally(string group, TestJobTypeFormat jobTypes)
    {
        _group = group;
        _jobTypes = jobTypes;
    }

    public void Add(TestResultInfo result)
    {
        var jobType = TestRunDescription.JobTypeOf(result, _jobTypes);
        lock (_gate)
        {
            if (!_byJobType.TryGetValue(jobType, out var counts))
            {
                _byJobType[jobType] = counts = new JobTypeCounts();
            }

            counts.Add(result, _group);
        }
    }

    /// <summary>The job types of the results so far: what the session's quality gate judges.</summary>
    public IReadOnlyCollection<string> JobTypes
    {
        get
        {
            lock (_gate)
            {
                return _byJobType.Keys.ToList();
            }
        }
    }

    /// <summary>Whether a test failed, so the command fails whatever the quality gate finds.</summary>
    public bool AnyFailed
    {
        get
        {
            lock (_gate)
            {
                return _byJobType.Values.Any(c => c.Failed > 0);
            }
        }
    }

    /// <param name="store">Where the runs are.</param>
    /// <param name="runPageUrl">A run's page in the HTML report, where a cut message is whole; null when no report was written.</param>
    public IReadOnlyList<string> Lines(string store, Func<string, string?>? runPageUrl = null)
    {
        lock (_gate)
        {
            var totals = new JobTypeCounts();
            foreach (var counts in _byJobType.Values)
            {
                totals.AddCounts(counts);
            }

            var lines = new List<string> { $"group {_group}: {totals.Describe()} in {store}" };
            var failing = _byJobType.Where(p => p.Value.Failed > 0).ToList();
            foreach (var pair in failing)
            {
                lines.Add($"  {ConsoleText.Escape(pair.Key)}: {pair.Value.Describe()}");
                lines.AddRange(pair.Value.Failures.Select(f => "    failed: " + f.Describe(runPageUrl?.Invoke(f.RunId))));
                if (pair.Value.Failed > pair.Value.Failures.Count)
                {
                    lines.Add(string.Format(CultureInfo.InvariantCulture, "    ... and {0} more failed", pair.Value.Failed - pair.Value.Failures.Count));
                }
            }

            var passing = _byJobType.Where(p => p.Value.Failed == 0).ToList();
            var shown = Math.Max(0, MaxJobTypeLines - failing.Count);
            lines.AddRange(passing.Take(shown).Select(p => $"  {ConsoleText.Escape(p.Key)}: {p.Value.Describe()}"));
            var hidden = passing.Count - Math.Min(shown, passing.Count);
            if (hidden > 0)
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture, "  ... and {0} more job type{1} (see the report)", hidden, hidden == 1 ? string.Empty : "s"));
            }

            return lines;
        }
    }
}
