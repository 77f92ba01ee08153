namespace Wandb.Cli.Ui;

/// <summary>How often the live report looks at the store and how much it may spend rebuilding (docs/cli.md, "ui").</summary>
internal sealed class LiveReportOptions
{
    /// <summary>Between two looks at the store's files or tables.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Between two looks at every run (a finished run that a new process attached to).</summary>
    public TimeSpan FullCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>While runs are running, the data is rebuilt at least this often, since a run whose process died turns crashed without any file changing.</summary>
    public TimeSpan RunningRefreshInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A rebuild waits this many times the last rebuild's duration after it, so a large store costs at most about a third of a core.</summary>
    public double RebuildSpacing { get; init; } = 2;

    /// <summary>
    /// The live page's budget when <c>--max-detail-runs</c> is not given: fewer runs in full than the report files'
    /// 20,000, because the page's data is built again on every change of the store and the page must open at once. On a
    /// 100,000-run store the first page took 2.2 s with 20,000 runs in full and 1.3 s with 5,000 (docs/cli.md).
    /// </summary>
    public const int DefaultMaxDetailRuns = 5_000;

    /// <summary>Most runs the page shows in full (<see cref="Reports.ReportOptions.MaxDetailRuns"/>).</summary>
    public int MaxDetailRuns { get; init; } = DefaultMaxDetailRuns;

    /// <summary>Title of the page.</summary>
    public string Title { get; init; } = "Runs · Wandb (live)";
}
