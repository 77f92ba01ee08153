using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class TestTimingTests
{
    private static readonly DateTimeOffset End = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void A_result_whose_start_and_end_are_equal_takes_its_duration_from_the_result()
    {
        // What was seen with xUnit: one time stamp for start and end, and the real duration beside it.
        var run = Record(ReporterHarness.Result("Theory", "Theory(x: 1)") with { StartTime = End, EndTime = End, Duration = TimeSpan.FromSeconds(1.5) });

        Assert.AreEqual(1.5, run.DurationSeconds, 1e-9);
        Assert.AreEqual(End - TimeSpan.FromSeconds(1.5), run.CreatedAt);
        Assert.AreEqual(End, run.FinishedAt);
        Assert.AreEqual(1.5, (double)run.Summary["duration"]!, 1e-9);
    }

    [TestMethod]
    public void A_span_shorter_than_the_result_s_duration_starts_the_duration_before_the_end()
    {
        // Seen with xUnit on a busy machine: a 250 ms test reported with start and end 155 ms apart.
        var run = Record(ReporterHarness.Result("Theory", "Theory(x: 1)") with { StartTime = End - TimeSpan.FromSeconds(0.155), EndTime = End, Duration = TimeSpan.FromSeconds(0.25) });

        Assert.AreEqual(0.25, run.DurationSeconds, 1e-9, "a test cannot take longer than its own run");
        Assert.AreEqual(0.25, (double)run.Summary["duration"]!, 1e-9);
    }

    [TestMethod]
    public void A_result_without_times_ends_when_it_is_recorded_and_starts_its_duration_earlier()
    {
        var run = Record(ReporterHarness.Result("Fact", "Fact") with { StartTime = null, EndTime = null, Duration = TimeSpan.FromSeconds(2) });

        Assert.AreEqual(2.0, run.DurationSeconds, 1e-9);
        Assert.AreEqual(2.0, (double)run.Summary["duration"]!, 1e-9);
    }

    [TestMethod]
    public void A_result_without_a_duration_takes_it_from_its_start_and_end()
    {
        var run = Record(ReporterHarness.Result("Fact", "Fact") with { StartTime = End - TimeSpan.FromSeconds(0.75), EndTime = End, Duration = TimeSpan.Zero });

        Assert.AreEqual(0.75, (double)run.Summary["duration"]!, 1e-9);
        Assert.AreEqual(0.75, run.DurationSeconds, 1e-9);
    }

    [TestMethod]
    public void Start_end_and_duration_that_agree_are_kept_as_reported()
    {
        var start = End - TimeSpan.FromSeconds(3);
        var run = Record(ReporterHarness.Result("Fact", "Fact") with { StartTime = start, EndTime = End, Duration = TimeSpan.FromSeconds(2.5) });

        Assert.AreEqual(start, run.CreatedAt, "setup and cleanup may make the span longer than the test's own duration");
        Assert.AreEqual(2.5, (double)run.Summary["duration"]!, 1e-9);
    }

    private static Wandb.Storage.StoredRun Record(TestResultInfo result)
    {
        using var harness = new ReporterHarness();
        var reporter = harness.Start();
        reporter.Record(result);
        reporter.Complete();
        return harness.OpenStore().ListRuns().Single();
    }
}
