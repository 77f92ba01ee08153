namespace Wandb.Reports;

/// <summary>What <see cref="ReportWriter.WriteAll(Storage.RunStore, ReportOptions?)"/> writes and where.</summary>
public sealed class ReportOptions
{
    /// <summary>Folder for runs.json, summary.md and index.html; default <c>&lt;store&gt;/report</c>.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>Only runs of this project; default all projects.</summary>
    public string? Project { get; set; }

    /// <summary>
    /// The groups of the build or test run that asks for the reports; default none. Their runs' metrics are the
    /// key metrics, their failures are the ones the console lists, and they come first in the console and in
    /// summary.md's list of runs that did not finish.
    /// </summary>
    public IList<string> FocusGroups { get; set; } = new List<string>();

    /// <summary>
    /// List the runs that did not finish, with their messages, in <see cref="ReportResult.ConsoleLines"/>; default
    /// true. The test logger turns it off: its own summary already lists the session's failed tests, so one
    /// <c>dotnet test</c> prints each failure once. The counts in the headline and the group lines stay.
    /// </summary>
    public bool ConsoleFailures { get; set; } = true;

    /// <summary>Write runs.json.</summary>
    public bool Json { get; set; } = true;

    /// <summary>Write summary.md.</summary>
    public bool Markdown { get; set; } = true;

    /// <summary>Write index.html.</summary>
    public bool Html { get; set; } = true;

    /// <summary>
    /// Keys to group runs by, nested in order: <c>group</c>, <c>job_type</c>, <c>state</c>, <c>tags</c>,
    /// <c>project</c>, or a config key as a flattened path (<c>optimizer.lr</c>; <c>config.group</c> for a config
    /// key named like a built-in column). Default null: by <c>group</c> when any run has one, else one row per
    /// run. An empty list turns grouping off (one row per run). runs.json always groups by <c>group</c>.
    /// </summary>
    public IList<string>? GroupBy { get; set; }

    /// <summary>
    /// Summary metrics shown in summary.md and the console; default empty: the (up to 5) numeric metrics most runs
    /// of the focus groups have (of all runs without focus groups), the test logger's own (a test's duration) after
    /// the metrics the runs logged themselves.
    /// </summary>
    public IList<string> KeyMetrics { get; set; } = new List<string>();

    /// <summary>Metric on which groups are compared (Welch's t-test); default the first key metric.</summary>
    public string? CompareMetric { get; set; }

    /// <summary>Group (its label in the table) every other group is compared with; default the best group by <see cref="CompareMetric"/>.</summary>
    public string? BaselineGroup { get; set; }

    /// <summary>
    /// What the quality gate compares groups with: <c>auto</c> (default: the most recent finished group of the project
    /// with the same job types, from the default branch), a group name, or the path of a baseline file (<c>.json</c>);
    /// <c>WANDB_BASELINE</c> sets it for builds. Default null: the gate's default, auto. In the reports, a group (named,
    /// or found by auto for the first focus group) is the baseline of the comparison of groups unless
    /// <see cref="BaselineGroup"/> is set. See docs/quality-gate.md.
    /// </summary>
    public string? Baseline { get; set; }

    /// <summary>
    /// The branch <see cref="Baseline"/> <c>auto</c> takes its group from when the runs record git branches
    /// (<c>WandbBaselineBranch</c> for builds); default null: <c>main</c> or <c>master</c>.
    /// </summary>
    public string? BaselineBranch { get; set; }

    /// <summary>
    /// Verdicts of the quality gate to report besides those the store records for the focus groups (see
    /// <see cref="Gates.GateRecords"/>): runs.json's <c>gates</c> and summary.md's gate table.
    /// </summary>
    internal IList<Gates.GateRow> GateResults { get; set; } = new List<Gates.GateRow>();

    /// <summary>Metrics for which lower is better, in addition to names containing loss, error, err, mse, mae, rmse, mape, perplexity, time, duration or latency.</summary>
    public IList<string> LowerIsBetter { get; set; } = new List<string>();

    /// <summary>Metrics for which higher is better even though their name suggests otherwise.</summary>
    public IList<string> HigherIsBetter { get; set; } = new List<string>();

    /// <summary>
    /// Old runs to delete before the reports are written (or, in a dry run, to list in the console lines);
    /// default null: nothing is ever deleted. The focus groups and <see cref="BaselineGroup"/> are never deleted.
    /// See docs/reports.md#retention.
    /// </summary>
    public Storage.Retention.RetentionPolicy? Retention { get; set; }

    /// <summary>
    /// Most runs shown in full (their rows in runs.json and index.html, their curves read from their histories);
    /// default <see cref="DefaultMaxDetailRuns"/>, at least 1. Past it, every group is still listed with its
    /// aggregates, and the reports say what was left out: the focus groups are always shown in full, then the
    /// baseline group, then the most recent groups while they fit. See docs/reports.md#budgets.
    /// </summary>
    public int MaxDetailRuns { get; set; } = DefaultMaxDetailRuns;

    /// <summary>
    /// The default of <see cref="MaxDetailRuns"/>, for report files, builds, test runs and the live page alike. Every
    /// refresh after a build or test run pays for the runs it shows in full, whatever changed: on a 100,000-run store
    /// a refresh in a fresh process took about 2.8 s with 20,000 runs in full and 1.7 s with 5,000, for 4.2 MiB of
    /// runs.json instead of 13 (docs/reports.md#budgets). The focus groups are shown in full past it.
    /// </summary>
    public const int DefaultMaxDetailRuns = 5_000;

    /// <summary>Most buckets (B) of one chart's shared x grid; default 1000, at least 2.</summary>
    public int ChartBuckets { get; set; } = 1000;
}
