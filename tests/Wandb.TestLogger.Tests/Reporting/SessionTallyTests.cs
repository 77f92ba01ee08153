using Wandb.Testing;
using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.Tests.Fakes;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class SessionTallyTests
{
    [TestMethod]
    public void Failing_job_types_come_first_with_the_failed_test_and_its_message_so_the_cut_never_hides_them()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        for (var i = 0; i < 25; i++)
        {
            tally.Add(ReporterHarness.Result("Method" + i.ToString("00"), "Method" + i));
        }

        tally.Add(ReporterHarness.Result("Zeta", "Zeta (3)", TestOutcome.Failed) with { ErrorMessage = "accuracy 0.41 is below 0.80\n   at Churn.Tests.ModelTests.Zeta()" });
        tally.Add(ReporterHarness.Result("Zeta", "Zeta (4)"));

        var lines = tally.Lines("/store");

        Assert.AreEqual("group g: 27 runs (26 passed, 1 failed) in /store", lines[0]);
        Assert.AreEqual("  Zeta: 2 runs (1 passed, 1 failed)", lines[1]);
        Assert.AreEqual("    failed: Zeta (3): accuracy 0.41 is below 0.80", lines[2], "the first line of the message, not the stack trace");
        Assert.AreEqual("  Method00: 1 run (1 passed, 0 failed)", lines[3], "then the rest");
        Assert.HasCount(10, lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("  ...", StringComparison.Ordinal)).ToList(), "ten job types in all");
        Assert.AreEqual("  ... and 16 more job types (see the report)", lines[^1]);
    }

    [TestMethod]
    public void Every_failing_job_type_is_listed_even_when_there_are_more_than_ten()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        for (var i = 0; i < 12; i++)
        {
            tally.Add(ReporterHarness.Result("Broken" + i.ToString("00"), "Broken" + i, TestOutcome.Failed) with { ErrorMessage = "boom" });
        }

        tally.Add(ReporterHarness.Result("Fine", "Fine"));

        var lines = tally.Lines("/store");

        Assert.HasCount(12, lines.Where(l => l.StartsWith("  Broken", StringComparison.Ordinal)).ToList());
        Assert.HasCount(12, lines.Where(l => l.StartsWith("    failed: Broken", StringComparison.Ordinal)).ToList());
        Assert.AreEqual("  ... and 1 more job type (see the report)", lines[^1]);
    }

    [TestMethod]
    public void Control_characters_are_escaped_and_a_long_message_is_truncated_with_a_note()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        tally.Add(ReporterHarness.Result("Colour", "Colour(\"\u001b[31m\")", TestOutcome.Failed) with { ErrorMessage = "\u001b[31mred\u0007\tbell\u202Eevil" });
        tally.Add(ReporterHarness.Result("Long", "Long", TestOutcome.TimedOut) with { ErrorMessage = new string('x', 500) });

        var lines = tally.Lines("/store");

        var colour = lines.Single(l => l.StartsWith("    failed: Colour", StringComparison.Ordinal));
        Assert.AreEqual("    failed: Colour(\"\\u001B[31m\"): \\u001B[31mred\\u0007\\tbell\\u202Eevil", colour);
        Assert.IsFalse(lines.Any(l => l.Any(c => char.IsControl(c))), "no control character reaches the terminal");
        var longLine = lines.Single(l => l.StartsWith("    failed: Long", StringComparison.Ordinal));
        StringAssert.EndsWith(longLine, "… (truncated; the full message is in the run's summary)");
        Assert.IsLessThan(300, longLine.Length);
    }

    [TestMethod]
    public void At_most_three_failed_tests_are_named_per_job_type_and_the_rest_counted()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        for (var i = 0; i < 5; i++)
        {
            tally.Add(ReporterHarness.Result("Fold", $"Fold ({i})", TestOutcome.Failed) with { ErrorMessage = "fold " + i });
        }

        var lines = tally.Lines("/store");

        CollectionAssert.AreEqual(
            new[] { "  Fold: 5 runs (0 passed, 5 failed)", "    failed: Fold (0): fold 0", "    failed: Fold (1): fold 1", "    failed: Fold (2): fold 2", "    ... and 2 more failed" },
            lines.Skip(1).ToArray());
    }

    [TestMethod]
    public void A_short_heading_such_as_MSTest_s_Assertion_failed_is_followed_by_the_line_that_says_what_failed()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        tally.Add(ReporterHarness.Result("Bytes", "Bytes", TestOutcome.Failed) with { ErrorMessage = "Assertion failed.\nExpected \"1 KB\" but got \"1024 B\"\nthird line" });
        tally.Add(ReporterHarness.Result("Sizes", "Sizes", TestOutcome.Failed) with { ErrorMessage = "Assert.Equal() Failure: Strings differ\nExpected: \"1 KB\"" });

        var lines = tally.Lines("/store");

        CollectionAssert.Contains(lines.ToList(), "    failed: Bytes: Assertion failed. Expected \"1 KB\" but got \"1024 B\"");
        CollectionAssert.Contains(lines.ToList(), "    failed: Sizes: Assert.Equal() Failure: Strings differ", "a line that says what failed stands alone");
    }

    [TestMethod]
    public void A_cut_message_points_at_its_run_s_page_when_the_report_was_written()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        var result = ReporterHarness.Result("Long", "Long", TestOutcome.Failed) with { ErrorMessage = "Assertion failed.\n" + new string('x', 500) };
        tally.Add(result);
        var id = TestRunDescription.IdOf(result, "g");

        var lines = tally.Lines("/store", runId => "file:///store/report/index.html#/run/" + runId);

        var line = lines.Single(l => l.StartsWith("    failed: Long: Assertion failed. xxx", StringComparison.Ordinal));
        StringAssert.EndsWith(line, $"… (truncated; full message: file:///store/report/index.html#/run/{id})");
    }

    [TestMethod]
    public void A_failure_without_a_message_is_still_named()
    {
        var tally = new SessionTally("g", TestJobTypeFormat.Method);
        tally.Add(ReporterHarness.Result("Crash", "Crash", TestOutcome.Failed));

        CollectionAssert.Contains(tally.Lines("/store").ToList(), "    failed: Crash");
    }
}
