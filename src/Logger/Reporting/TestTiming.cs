namespace Wandb.TestLogger.Reporting;

/// <summary>
/// When the run of one result started and finished, and how long the test took. Adapters differ: some report
/// one time stamp as both start and end, or a start later than the test began, with the real duration beside
/// it (both seen with xUnit), others leave the times out or the duration at zero. The result's own duration
/// wins whenever the times cannot hold it, so a run never looks shorter than its test (0 s for a test that
/// took time); a longer span (setup and cleanup) is kept as reported.
/// </summary>
internal readonly record struct TestTiming(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, TimeSpan Duration)
{
    /// <param name="result">The result.</param>
    /// <param name="now">The end time of a result that reports none.</param>
    public static TestTiming Of(TestResultInfo result, DateTimeOffset now)
    {
        var finished = result.EndTime ?? now;
        var duration = DurationOf(result);
        var started = result.StartTime is { } start && start <= finished - duration ? start : finished - duration;
        return new TestTiming(started, finished, duration);
    }

    /// <summary>The result's duration, or the span between its start and end when it reports none.</summary>
    public static TimeSpan DurationOf(TestResultInfo result) => result.Duration > TimeSpan.Zero ? result.Duration : Span(result);

    private static TimeSpan Span(TestResultInfo result) =>
        result is { StartTime: { } start, EndTime: { } end } && end > start ? end - start : TimeSpan.Zero;
}
