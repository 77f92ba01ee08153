using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// The runs that did not finish (failed, crashed or killed) and why, in the order every report lists them: the
/// runs of the build or test run that just ended first (its focus groups), then the newest first, so the
/// failure a reader came for is at the top.
/// </summary>
internal static class RunProblems
{
    public static bool IsProblem(StoredRun run) => IsProblem(run.State);

    public static bool IsProblem(RunState state) => state is RunState.Failed or RunState.Crashed or RunState.Killed;

    /// <summary>How many of a group's runs did not finish, listed or not.</summary>
    public static int Count(RunGroup group)
    {
        // A loop over the few states, not a query: summary.md and the console count every group's (501 at 100,000 runs).
        var states = group.States;
        var count = 0;
        for (var i = 0; i < states.Count; i++)
        {
            if (IsProblem(states[i].Key))
            {
                count += states[i].Value;
            }
        }

        return count;
    }

    /// <summary>The run's failure message (the test logger's <c>error</c>, or one set in the summary), trimmed; null when there is none.</summary>
    public static string? Message(StoredRun run) =>
        run.Summary.TryGetValue(TestLoggerSummary.Error, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    /// <param name="runs">The report's runs.</param>
    /// <param name="isFocus">Whether a run belongs to the build or test run that just ended.</param>
    public static IReadOnlyList<StoredRun> InOrder(IEnumerable<StoredRun> runs, Func<StoredRun, bool> isFocus) =>
        runs.Where(IsProblem)
            .OrderBy(r => isFocus(r) ? 0 : 1)
            .ThenByDescending(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
}
