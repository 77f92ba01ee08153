using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// The summary values the test logger records for every test result (docs/test-logger.md): bookkeeping about
/// the test, beside whatever metrics the test logged itself. The reports read the error message from here
/// and never let the bookkeeping crowd out the metrics a user logged.
/// </summary>
internal static class TestLoggerSummary
{
    /// <summary>passed, failed, timeout or skipped.</summary>
    public const string Outcome = "outcome";

    /// <summary>Seconds the test took.</summary>
    public const string Duration = "duration";

    /// <summary>The failure message of a failed test.</summary>
    public const string Error = "error";

    /// <summary>Every value the logger records itself.</summary>
    public static readonly IReadOnlyCollection<string> Keys = new HashSet<string>(StringComparer.Ordinal) { Outcome, Duration, Error };

    /// <summary>The outcomes the logger records (<see cref="Outcome"/>).</summary>
    private static readonly IReadOnlyCollection<string> Outcomes = new HashSet<string>(StringComparer.Ordinal) { "passed", "failed", "timeout", "skipped" };

    /// <summary>
    /// Whether <paramref name="metric"/> of <paramref name="group"/> is the logger's test duration in seconds, so the
    /// summaries print it as a duration ("69.5 µs") instead of a bare number ("6.953E-05"): every run of the group is a
    /// test result (an <see cref="Outcome"/> the logger writes). A group summarised from a store's aggregates has no runs
    /// to tell, nor does a user's own metric named <c>duration</c>, which may be in any unit: both stay numbers.
    /// </summary>
    public static bool IsTestDuration(RunGroup group, string metric) =>
        metric == Duration && group.Runs.Count > 0 && group.Runs.All(IsTestResult);

    private static bool IsTestResult(StoredRun run) =>
        run.Summary.TryGetValue(Outcome, out var outcome) && outcome is string name && Outcomes.Contains(name);
}
