using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class ConsoleSummaryTests
{
    [TestMethod]
    public void Failed_runs_come_right_after_the_headline_with_their_message_before_any_group()
    {
        using var store = new TempStore();
        store.AddRun("cv-a", "good-1", Accuracy(0.8));
        store.AddRun("cv-a", "good-2", Accuracy(0.9));
        store.AddRun("cv-b", "good-3", Accuracy(0.7));
        var broken = store.AddRun("cv-b", "broken", new Dictionary<string, object?> { ["error"] = "Expected 0.9 but was 0.41.\n   at Churn.Tests.Regression()" }, jobType: "Regression", exitCode: 1);

        var lines = ReportWriter.WriteAll(store.Reader()).ConsoleLines;

        Assert.AreEqual("wandb: 4 run(s), 2 group(s) by group (3 finished, 1 failed)", lines[0]);
        Assert.AreEqual("wandb: 1 run(s) did not finish (1 failed):", lines[1]);
        Assert.AreEqual($"wandb:   failed  broken  (group cv-b, job Regression, run {broken}): Expected 0.9 but was 0.41. at Churn.Tests.Regression()", lines[2]);
        var groupB = IndexOf(lines, "wandb:   cv-b  ");
        var groupA = IndexOf(lines, "wandb:   cv-a  ");
        Assert.IsTrue(groupB > 2 && groupB < groupA, "a group with a failed run comes before the others:\n" + string.Join("\n", lines));
        StringAssert.StartsWith(lines[groupB], "wandb:   cv-b  n=2 (1 failed)  ");
    }

    [TestMethod]
    public void A_long_failure_message_is_cut_on_one_line_with_a_note_naming_where_the_full_text_is()
    {
        using var store = new TempStore();
        var message = "\u001b[31mboom\u001b[0m " + string.Concat(Enumerable.Repeat("very long assertion text ", 40));
        var id = store.AddRun("g", "broken", new Dictionary<string, object?> { ["error"] = message }, exitCode: 1);

        var result = ReportWriter.WriteAll(store.Reader());

        var line = result.ConsoleLines.Single(l => l.Contains(id, StringComparison.Ordinal));
        Assert.IsFalse(line.Any(char.IsControl), "no control character reaches the terminal: " + line);
        StringAssert.Contains(line, " [31mboom [0m very long assertion text");
        StringAssert.EndsWith(line, $"… (truncated; full message: {result.RunPageUrl(id)})");
        Assert.IsTrue(line.Length < 400, line);
        StringAssert.EndsWith(result.RunPageUrl(id), "/report/index.html#/run/" + id);
    }

    [TestMethod]
    public void Without_the_html_report_the_note_points_at_runs_json()
    {
        using var store = new TempStore();
        store.AddRun("g", "broken", new Dictionary<string, object?> { ["error"] = new string('x', 500) }, exitCode: 1);

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false });

        Assert.IsNull(result.RunPageUrl("anything"));
        StringAssert.EndsWith(result.ConsoleLines[2], $"… (truncated; full message in {result.JsonPath})");
    }

    [TestMethod]
    public void With_focus_groups_only_their_failures_are_listed_and_at_most_five()
    {
        using var store = new TempStore();
        store.AddRun("old-build", "old-broken", new Dictionary<string, object?> { ["error"] = "long fixed" }, exitCode: 1);
        for (var i = 0; i < 7; i++)
        {
            store.AddRun("new-build", "new-broken-" + i, new Dictionary<string, object?> { ["error"] = "regressed " + i }, exitCode: 1);
        }

        var lines = ReportWriter.WriteAll(store.Reader(), new ReportOptions { FocusGroups = { "new-build" } }).ConsoleLines;

        Assert.AreEqual("wandb: 7 run(s) of new-build did not finish (7 failed):", lines[1]);
        Assert.IsFalse(lines.Any(l => l.Contains("long fixed", StringComparison.Ordinal)), "an older group's failure is not this run's news:\n" + string.Join("\n", lines));
        CollectionAssert.AreEqual(
            new[] { "regressed 6", "regressed 5", "regressed 4", "regressed 3", "regressed 2" },
            lines.Skip(2).Take(5).Select(l => l.Substring(l.LastIndexOf(": ", StringComparison.Ordinal) + 2)).ToArray(),
            "the newest first");
        Assert.AreEqual("wandb:   …and 2 more (summary.md and index.html list them)", lines[7]);
        StringAssert.StartsWith(lines[8], "wandb:   new-build  n=7 (7 failed)");
    }

    [TestMethod]
    public void A_failed_run_without_a_message_says_so_with_its_exit_code()
    {
        using var store = new TempStore();
        var id = store.AddRun(null, "train", Accuracy(0.5), jobType: "train", exitCode: 3);

        var lines = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false }).ConsoleLines;

        Assert.AreEqual($"wandb:   failed  train  (job train, run {id}): no message recorded (exit code 3)", lines[2]);
    }

    [TestMethod]
    public void A_message_of_several_lines_shows_the_same_synopsis_as_the_test_logger()
    {
        using var store = new TempStore();
        var id = store.AddRun("g", "Bytes", new Dictionary<string, object?> { ["error"] = "Assertion failed.\nExpected \"1 KB\" but got \"1024 B\"\nsecond line of the message" }, exitCode: 1);

        var lines = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false }).ConsoleLines;

        Assert.AreEqual($"wandb:   failed  Bytes  (group g, run {id}): Assertion failed. Expected \"1 KB\" but got \"1024 B\"", lines[2]);
        Assert.IsFalse(lines.Any(l => l.Contains("second line", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void A_caller_that_lists_failures_itself_gets_the_counts_without_the_list()
    {
        using var store = new TempStore();
        store.AddRun("g", "good", Accuracy(0.8));
        var broken = store.AddRun("g", "broken", new Dictionary<string, object?> { ["error"] = "regressed" }, exitCode: 1);

        var lines = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false, ConsoleFailures = false }).ConsoleLines;

        Assert.AreEqual("wandb: 2 run(s), 1 group(s) by group (1 finished, 1 failed)", lines[0]);
        StringAssert.StartsWith(lines[1], "wandb:   g  n=2 (1 failed)");
        Assert.IsFalse(lines.Any(l => l.Contains("did not finish", StringComparison.Ordinal) || l.Contains(broken, StringComparison.Ordinal) || l.Contains("regressed", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void The_test_logger_s_durations_read_as_durations_and_a_user_s_own_duration_stays_a_number()
    {
        using var store = new TempStore();
        TestResults.AddTwoSessions(store);
        store.AddRun("training", "fold-1", new Dictionary<string, object?> { ["duration"] = 427.0 });
        store.AddRun("training", "fold-2", new Dictionary<string, object?> { ["duration"] = 227.0 });

        var lines = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false }).ConsoleLines;

        Assert.AreEqual("wandb:   tests-a  n=2  duration 327 µs ± 141 µs (best)", lines.Single(l => l.StartsWith("wandb:   tests-a ", StringComparison.Ordinal)));
        Assert.AreEqual("wandb:   tests-b  n=2  duration 13.3 ms ± 1.41 ms", lines.Single(l => l.StartsWith("wandb:   tests-b ", StringComparison.Ordinal)));
        Assert.AreEqual("wandb:   training  n=2  duration 327 ± 141.4", lines.Single(l => l.StartsWith("wandb:   training ", StringComparison.Ordinal)), "minutes or seconds: the report cannot tell, so it does not say");
    }

    [TestMethod]
    public void Two_test_runs_compared_on_duration_differ_by_a_duration()
    {
        using var store = new TempStore();
        TestResults.AddTwoSessions(store);

        var lines = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false }).ConsoleLines;

        StringAssert.StartsWith(lines.Single(l => l.Contains(" vs best ", StringComparison.Ordinal)), "wandb: tests-b vs best tests-a on duration: difference 13 ms (95% CI ");
    }

    private static int IndexOf(IReadOnlyList<string> lines, string prefix) =>
        lines.ToList().FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static Dictionary<string, object?> Accuracy(double value) => new() { ["accuracy"] = value };
}
