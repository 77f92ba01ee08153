using System.Globalization;

namespace Wandb.TestLogger.Reporting;

/// <summary>Outcome counts of one job type in the session's summary, and its first few failed tests.</summary>
internal sealed class JobTypeCounts
{
    private readonly List<FailedTest> _failures = new();

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public IReadOnlyList<FailedTest> Failures => _failures;

    /// <param name="result">A result of this job type.</param>
    /// <param name="group">The session's group, which names a failed test's run.</param>
    public void Add(TestResultInfo result, string group)
    {
        switch (result.Outcome)
        {
            case TestOutcome.Passed:
                Passed++;
                break;
            case TestOutcome.Failed or TestOutcome.TimedOut:
                Failed++;
                if (_failures.Count < SessionTally.MaxFailuresPerJobType)
                {
                    _failures.Add(FailedTest.Of(result, group));
                }

                break;
            default:
                Skipped++;
                break;
        }
    }

    public void AddCounts(JobTypeCounts other)
    {
        Passed += other.Passed;
        Failed += other.Failed;
        Skipped += other.Skipped;
    }

    public string Describe()
    {
        var runs = Passed + Failed + Skipped;
        var text = string.Format(CultureInfo.InvariantCulture, "{0} run{1} ({2} passed, {3} failed", runs, runs == 1 ? string.Empty : "s", Passed, Failed);
        return text + (Skipped > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} skipped)", Skipped) : ")");
    }
}
