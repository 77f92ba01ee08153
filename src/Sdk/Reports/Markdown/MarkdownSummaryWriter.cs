using System.Globalization;
using System.Text;
using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Reports.Markdown;

/// <summary>
/// Writes summary.md, fit for a CI job summary: an overview, then the runs that did not finish with their
/// messages (first, so a failure is what a reader sees), one table per grouping with <c>mean ± std (n)</c> per
/// key metric and the best group marked, and the comparison of groups. Every user string goes through
/// <see cref="MarkdownText"/>; the whole stays under 1 MiB.
/// </summary>
internal static class MarkdownSummaryWriter
{
    private const int MaxListedProblemRuns = 50;
    private const int MaxMessageLength = 300;
    private const string BestMark = "★";

    public static string Render(ReportModel model, int maxBytes = BoundedMarkdown.DefaultMaxBytes)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Render(model, text, maxBytes);
        return text.ToString();
    }

    /// <summary>Writes the summary to <paramref name="output"/> line by line (<see cref="BoundedMarkdown(TextWriter, int)"/>).</summary>
    public static void Render(ReportModel model, TextWriter output, int maxBytes = BoundedMarkdown.DefaultMaxBytes)
    {
        var md = new BoundedMarkdown(output, maxBytes);
        Write(md, model);
        md.End();
    }

    private static void Write(BoundedMarkdown md, ReportModel model)
    {
        md.Line("# Wandb report");
        md.Line();
        GateMarkdown.Table(md, model.Gates, model.Detail.Runs);
        Overview(md, model);
        if (!model.Detail.IsComplete)
        {
            md.Line();
            // The note's text holds counts and setting names, no user string, and no character Markdown acts on.
            md.Line($"> **Summarised only:** {OmittedNote.Reason(model.Detail, model.RunCount)} {OmittedNote.How}");
        }

        var problems = model.Problems;
        if (problems.Count > 0)
        {
            md.Line();
            md.Line($"> **{problems.Count} run(s) did not finish:** {StateCountText.Of(problems)}. They are listed below and counted in every table.{UnlistedProblems(model)}");
            ProblemRuns(md, problems);
        }
        else if (model.UnlistedProblems > 0)
        {
            md.Line();
            md.Line($"> **{model.UnlistedProblems} run(s) did not finish**, all in summarised groups: they are counted in the tables' states.");
        }

        if (model.RunCount == 0)
        {
            md.Line();
            md.Line("No runs in the store yet.");
            return;
        }

        Table(md, model, model.Tables[0]);
        Comparison(md, model);
        foreach (var table in model.Tables.Skip(1))
        {
            Table(md, model, table);
        }
    }

    private static void Overview(BoundedMarkdown md, ReportModel model)
    {
        var projects = model.ByGroup.Groups.SelectMany(g => g.Projects).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var groups = model.Main.IsOff ? "grouping off" : $"{model.Main.Groups.Count} group(s) by {MarkdownText.Escape(model.Main.Title)}";
        var projectText = projects.Count == 0 ? string.Empty : $" · project {string.Join(", ", projects.Take(5).Select(p => MarkdownText.Escape(p)))}{(projects.Count > 5 ? $" and {projects.Count - 5} more" : string.Empty)}";
        md.Line($"{model.RunCount} run(s) · {groups}{projectText} · {StateCountText.Of(model.ByGroup.Groups.SelectMany(g => g.States))} · generated {model.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
    }

    private static void Table(BoundedMarkdown md, ReportModel model, RunGrouping grouping)
    {
        md.Line();
        md.Line(grouping.IsOff ? "## Runs" : $"## Runs by {MarkdownText.Escape(grouping.Title)}");
        md.Line();
        var metrics = model.KeyMetrics;
        var best = metrics.Select(m => grouping.IsOff || grouping.Groups.Count < 2 ? null : GroupComparison.Best(grouping.Groups, m, model.Goals)).ToArray();
        var keyColumns = grouping.IsOff ? new[] { "run" } : grouping.Keys.Select(k => MarkdownText.Escape(k.Name)).ToArray();
        var countColumns = grouping.IsOff ? new[] { "state" } : new[] { "runs", "states" };
        var header = keyColumns.Concat(countColumns).Concat(metrics.Select(m => MarkdownText.Escape(m) + (model.Goals.LowerIsBetter(m) ? " ↓" : " ↑")));
        md.Line("| " + string.Join(" | ", header) + " |");
        md.Line("|" + string.Concat(Enumerable.Repeat(" --- |", keyColumns.Length + countColumns.Length)) + string.Concat(Enumerable.Repeat(" ---: |", metrics.Count)));
        var row = new StringBuilder();
        foreach (var group in grouping.Groups)
        {
            // A group's keys, counts and statistics as made for the group object (MarkdownGroupCells), by a read-ahead or here;
            // a table lists every group of a store (501 rows at 100,000 runs), so each row is joined in one buffer.
            var cells = MarkdownGroupCells.Of(group);
            row.Clear().Append("| ").Append(grouping.IsOff ? MarkdownText.Escape(group.Label) + " | " + group.Runs[0].State.ToName() : cells.Head);
            for (var i = 0; i < metrics.Count; i++)
            {
                row.Append(" | ");
                var text = cells.Metric(metrics[i]);
                if (ReferenceEquals(best[i], group))
                {
                    row.Append("**").Append(text).Append("** ").Append(BestMark);
                }
                else
                {
                    row.Append(text);
                }
            }

            md.Line(row.Append(" |").ToString());
        }

        md.Line();
        md.Line(grouping.IsOff
            ? "Values are each run's summary (last logged value unless set explicitly). ↑ higher is better, ↓ lower is better."
            : $"Cells: mean ± std (n) of the runs' summary values. {BestMark} best group for that metric; ↑ higher is better, ↓ lower is better.");
    }

    private static void Comparison(BoundedMarkdown md, ReportModel model)
    {
        var comparison = model.Comparison;
        if (comparison is null)
        {
            return;
        }

        var direction = comparison.LowerIsBetter ? "lower is better" : "higher is better";
        md.Line();
        md.Line($"## Comparison on {MarkdownText.Escape(comparison.Metric)} ({direction})");
        md.Line();
        var baselineStats = comparison.Baseline.Summary[comparison.Metric];
        var durations = TestLoggerSummary.IsTestDuration(comparison.Baseline, comparison.Metric) && comparison.Rows.All(r => TestLoggerSummary.IsTestDuration(r.Group, comparison.Metric));
        Func<double, string> format = durations ? NumberText.Duration : NumberText.Format;
        Func<double, string> difference = durations ? NumberText.SignedDuration : NumberText.Format;
        md.Line($"Baseline: **{MarkdownText.Escape(comparison.Baseline.Label)}**, mean {format(baselineStats.Mean)} (n = {baselineStats.N}). Welch's t-test on the runs' final values; difference = group − baseline.");
        if (comparison.Note is not null)
        {
            md.Line();
            md.Line($"> {MarkdownText.Escape(comparison.Note, 500)}");
        }

        md.Line();
        md.Line("| group | n | mean | difference | 95% CI of difference | t | df | p |");
        md.Line("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        // Each row joined in one buffer: the comparison has a row per group (500 at 100,000 runs), whose format string was
        // parsed per row, its count boxed and its interval made as a string of its own (about 0.15 ms of the 0.5 ms the rows
        // took of a 100,000-run store's refresh, perf).
        var row = new StringBuilder();
        foreach (var (group, test) in comparison.Rows)
        {
            row.Clear().Append("| ").Append(MarkdownText.Escape(group.Label)).Append(" | ").Append(test.CountA)
                .Append(" | ").Append(format(test.MeanA)).Append(" | ").Append(difference(test.Difference)).Append(" | ");
            if (test.IsDefined)
            {
                row.Append('[').Append(difference(test.Ci95Low)).Append(", ").Append(difference(test.Ci95High)).Append(']');
            }
            else
            {
                row.Append("n < 2 or no spread");
            }

            md.Line(row.Append(" | ").Append(NumberText.Format(test.T)).Append(" | ").Append(NumberText.Format(test.Df))
                .Append(" | ").Append(NumberText.P(test.P)).Append(" |").ToString());
        }
    }

    private static string UnlistedProblems(ReportModel model) =>
        model.UnlistedProblems == 0 ? string.Empty : $" {model.UnlistedProblems} more in summarised groups are counted in the tables' states only.";

    private static void ProblemRuns(BoundedMarkdown md, IReadOnlyList<StoredRun> problems)
    {
        md.Line();
        md.Line("## Failed, crashed and killed runs");
        md.Line();
        md.Line("| run | id | group | job type | state | exit code | error |");
        md.Line("| --- | --- | --- | --- | --- | ---: | --- |");
        var cut = false;
        foreach (var run in problems.Take(MaxListedProblemRuns))
        {
            var message = RunProblems.Message(run);
            cut |= message is not null && message.Length > MaxMessageLength;
            md.Line($"| {MarkdownText.Escape(run.Name)} | {MarkdownText.Escape(run.Id)} | {MarkdownText.Escape(run.Group)} | {MarkdownText.Escape(run.JobType)} | {run.State.ToName()} | {run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? NumberText.Undefined} | {MarkdownText.Escape(message, MaxMessageLength)} |");
        }

        if (cut)
        {
            md.Line();
            md.Line($"> Messages ending in … were cut at {MaxMessageLength} characters; the full text is in runs.json and on each run's page of the HTML report (`index.html#/run/<id>`).");
        }

        if (problems.Count > MaxListedProblemRuns)
        {
            md.Line();
            md.Line($"…and {problems.Count - MaxListedProblemRuns} more; runs.json lists them all.");
        }
    }
}
