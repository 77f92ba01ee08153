using System.Text;
using Wandb.Reports;
using Wandb.Reports.Markdown;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class MarkdownSummaryTests
{
    [TestMethod]
    public void Hostile_run_and_group_names_arrive_escaped_in_summary_md()
    {
        using var store = new TempStore();
        store.AddRun("<img src=x onerror=alert(1)>|g", "run\n| injected | row |", new Dictionary<string, object?> { ["acc"] = 0.5 }, exitCode: 1);

        var md = MarkdownSummaryWriter.Render(Model(store));

        Assert.IsFalse(md.Contains("<img"), md);
        Assert.IsFalse(md.Contains("\n| injected"), md);
        StringAssert.Contains(md, "&lt;img src=x onerror=alert\\(1\\)&gt;\\|g");
        StringAssert.Contains(md, "run \\| injected \\| row \\|");
    }

    [TestMethod]
    public void A_summary_past_the_byte_budget_is_cut_with_a_note_and_stays_under_it()
    {
        using var store = new TempStore();
        for (var i = 0; i < 40; i++)
        {
            store.AddRun(null, "run-" + i + new string('x', 150), new Dictionary<string, object?> { ["acc"] = i / 40.0 });
        }

        var md = MarkdownSummaryWriter.Render(Model(store), maxBytes: 4000);

        Assert.IsTrue(Encoding.UTF8.GetByteCount(md) <= 4000, $"{Encoding.UTF8.GetByteCount(md)} bytes");
        StringAssert.Contains(md, "**Truncated:**");
        StringAssert.Contains(md, "| run\\-0x");
        Assert.IsFalse(md.Contains("run\\-39"), "Rows past the budget are left out.");
    }

    [TestMethod]
    public void A_summary_written_line_by_line_to_its_file_reads_as_the_one_made_in_memory()
    {
        using var store = new TempStore();
        for (var i = 0; i < 40; i++)
        {
            store.AddRun("g" + (i % 3), "run-" + i + new string('ü', 150), new Dictionary<string, object?> { ["acc"] = i / 40.0 }, exitCode: i % 7 == 0 ? 1 : 0);
        }

        var model = Model(store);
        foreach (var budget in new[] { 1500, BoundedMarkdown.DefaultMaxBytes })
        {
            var file = Path.Combine(store.Root, $"summary-{budget}.md");
            Wandb.Storage.AtomicFile.Write(file, writer => MarkdownSummaryWriter.Render(model, writer, budget));

            var inMemory = MarkdownSummaryWriter.Render(model, budget);
            Assert.AreEqual(inMemory, File.ReadAllText(file), $"budget {budget}");
            Assert.AreEqual(budget == 1500, inMemory.Contains("**Truncated:**"), $"budget {budget}");
        }
    }

    [TestMethod]
    public void Thousands_of_runs_with_long_names_stay_under_one_mebibyte()
    {
        var md = new BoundedMarkdown();
        var row = "| " + MarkdownText.Escape(new string('|', 1000)) + " |";
        for (var i = 0; i < 20_000; i++)
        {
            md.Line(row);
        }

        var text = md.ToString();
        Assert.IsTrue(Encoding.UTF8.GetByteCount(text) < 1024 * 1024);
        Assert.IsTrue(md.Truncated);
    }

    [TestMethod]
    public void Failed_runs_come_first_with_their_escaped_message_and_a_note_where_a_message_was_cut()
    {
        using var store = new TempStore();
        store.AddRun("old", "old-broken", new Dictionary<string, object?> { ["error"] = "old failure" }, exitCode: 1);
        store.AddRun("new", "good", new Dictionary<string, object?> { ["acc"] = 0.9 });
        var hostile = store.AddRun("new", "hostile", new Dictionary<string, object?> { ["error"] = "<script>alert(1)</script> | not a cell\n| injected | row |" }, jobType: "Check", exitCode: 1);
        var verbose = store.AddRun("new", "verbose", new Dictionary<string, object?> { ["error"] = "Expected 0.9. " + new string('y', 600) + " TAIL" }, exitCode: 1);

        var md = MarkdownSummaryWriter.Render(ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "new" } }, DateTimeOffset.UnixEpoch));

        var failures = md.IndexOf("## Failed, crashed and killed runs", StringComparison.Ordinal);
        Assert.IsTrue(failures > 0 && failures < md.IndexOf("## Runs by group", StringComparison.Ordinal), "failures come before the tables:\n" + md);
        StringAssert.Contains(md, "| run | id | group | job type | state | exit code | error |");
        StringAssert.Contains(md, $"| hostile | {hostile} | new | Check | failed | 1 | &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| not a cell \\| injected \\| row \\| |");
        Assert.IsFalse(md.Contains("<script>", StringComparison.Ordinal), md);
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(" | failed | ", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[] { "verbose", "hostile", "old\\-broken" }, rows.Select(r => r.Split(" | ")[0].Substring(2)).ToArray(), "the focus group's failures first, newest first");
        var verboseRow = rows[0];
        StringAssert.Contains(verboseRow, "Expected 0.9. yyy");
        Assert.IsFalse(verboseRow.Contains("TAIL", StringComparison.Ordinal), "a long message is cut");
        StringAssert.Contains(verboseRow, "…");
        StringAssert.Contains(md, "> Messages ending in … were cut at 300 characters; the full text is in runs.json and on each run's page of the HTML report (`index.html#/run/<id>`).");
        Assert.AreEqual(verbose, rows[0].Split(" | ")[1]);
    }

    [TestMethod]
    public void An_empty_store_says_so()
    {
        using var store = new TempStore();

        StringAssert.Contains(MarkdownSummaryWriter.Render(Model(store)), "No runs in the store yet.");
    }

    [TestMethod]
    public void A_test_run_s_durations_are_cells_in_their_unit()
    {
        using var store = new TempStore();
        store.AddRun("tests", "Adds(1)", TestResults.Summary(0.000427));
        store.AddRun("tests", "Adds(2)", TestResults.Summary(0.000227, outcome: "failed"));
        store.AddRun("training", "fold-1", new Dictionary<string, object?> { ["duration"] = 427.0 });

        var md = MarkdownSummaryWriter.Render(Model(store));

        StringAssert.Contains(md, "| **327 µs ± 141 µs (2)** ★ |");
        StringAssert.Contains(md, "| 427 |");
        StringAssert.Contains(md, "Baseline: **tests**, mean 0.000327 (n = 2).", "a difference between a test run and a user's duration has no unit");
    }

    [TestMethod]
    public void Two_test_runs_compared_on_duration_differ_by_a_duration()
    {
        using var store = new TempStore();
        TestResults.AddTwoSessions(store);

        var md = MarkdownSummaryWriter.Render(Model(store));

        StringAssert.Contains(md, "Baseline: **tests\\-a**, mean 327 µs (n = 2).");
        StringAssert.Contains(md, "| tests\\-b | 2 | 13.3 ms | 13 ms | [");
    }

    private static ReportModel Model(TempStore store) => ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);
}
