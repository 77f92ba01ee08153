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
}
