namespace Wandb.Sdk.Tests.Reports;

/// <summary>Runs shaped as the test logger writes them: an outcome and a duration in seconds in the summary.</summary>
internal static class TestResults
{
    public static Dictionary<string, object?> Summary(double seconds, string outcome = "passed") => new() { ["outcome"] = outcome, ["duration"] = seconds };

    /// <summary>Two test runs of two results each: tests-a about 0.3 ms a test, tests-b about 13 ms.</summary>
    public static void AddTwoSessions(TempStore store)
    {
        store.AddRun("tests-a", "Adds(1)", Summary(0.000427));
        store.AddRun("tests-a", "Adds(2)", Summary(0.000227));
        store.AddRun("tests-b", "Adds(1)", Summary(0.0123));
        store.AddRun("tests-b", "Adds(2)", Summary(0.0143));
    }
}
