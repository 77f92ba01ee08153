using Wandb.Reports;

namespace Wandb.TestLogger.Reporting;

/// <summary>A failed test as the console summary names it: its display name, its message's synopsis, and the run that holds the whole message.</summary>
internal sealed record FailedTest(string DisplayName, string? ErrorMessage, string RunId)
{
    public static FailedTest Of(TestResultInfo result, string group) =>
        new(result.DisplayName, result.ErrorMessage, TestRunDescription.IdOf(result, group));

    /// <param name="runPageUrl">The run's page in the HTML report, which the note after a cut message points to; null without one.</param>
    public string Describe(string? runPageUrl)
    {
        var name = ConsoleText.Escape(DisplayName);
        var fullMessageAt = runPageUrl is null ? "the full message is in the run's summary" : "full message: " + runPageUrl;
        var message = FailureSynopsis.ForConsole(ErrorMessage, fullMessageAt, ConsoleText.Escape);
        return message.Length == 0 ? name : name + ": " + message;
    }
}
