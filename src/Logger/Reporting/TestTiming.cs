namespace Wandb.TestLogger.Reporting;

/// <summary>
/// When the run of one result started and finished, and how long the test took. Adapters differ: some report
/// one time stamp as both start and end with the real duration beside it (seen with xUnit), others leave the
/// times out or the duration at zero. The result's own duration wins whenever the times cannot tell it, so
/// a run never shows 0 s for a test that took time.
/// </summary>
internal readonly record struct TestTiming(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, TimeSpan Duration)
{
    /// <param name="result">The result.</param>
    /// <param name="now">The end time of a result that reports none.</param>
    public static TestTiming Of(TestResultInfo result, DateTimeOffset now)
    {
        var finished = result.EndTime ?? now;
        var span = Span(result);
        var duration = DurationOf(result);
        return new TestTiming(span > TimeSpan.Zero ? result.StartTime!.Value : finished - duration, finished, duration);
    }

    /// <summary>The result's duration, or the span between its start and end when it reports none.</summary>
    public static TimeSpan DurationOf(TestResultInfo result) => result.Duration > TimeSpan.Zero ? result.Duration : Span(result);

    private static TimeSpan Span(TestResultInfo result) =>
        result is { StartTime: { } start, EndTime: { } end } && end > start ? end - start : TimeSpan.Zero;
}
