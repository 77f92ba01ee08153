namespace Wandb.TestLogger.Reporting;

/// <summary>What happened to a test, in the terms both test platforms share.</summary>
internal enum TestOutcome
{
    Passed,
    Failed,
    TimedOut,
    Skipped,
}
