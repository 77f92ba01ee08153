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

    /// <summary>Most runs the page shows in full (<see cref="Reports.ReportOptions.MaxDetailRuns"/>).</summary>
    public int MaxDetailRuns { get; init; } = Reports.ReportOptions.DefaultMaxDetailRuns;

    /// <summary>Title of the page.</summary>
    public string Title { get; init; } = "Runs · Wandb (live)";
}
