namespace Wandb.Reports;

/// <summary>Where the reports were written, and the short console summary of them.</summary>
public sealed class ReportResult
{
    /// <summary>The report folder.</summary>
    public required string Directory { get; init; }

    /// <summary>runs.json, or null when not written.</summary>
    public string? JsonPath { get; init; }

    /// <summary>summary.md, or null when not written.</summary>
    public string? MarkdownPath { get; init; }

    /// <summary>index.html, or null when not written.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>A few lines for the end of a build or test run: groups, n, key metrics, report paths.</summary>
    public IReadOnlyList<string> ConsoleLines { get; init; } = Array.Empty<string>();

    /// <summary>What <see cref="ReportOptions.Retention"/> deleted or, in a dry run, would delete; null without it.</summary>
    public Storage.Retention.RetentionResult? Retention { get; init; }

    /// <summary>The URL of a group's page in the HTML report (<c>index.html#/group/&lt;name&gt;</c>), or null without HTML.</summary>
    public string? GroupPageUrl(string group) => PageUrl("#/group/", group);

    /// <summary>The URL of a run's page in the HTML report (<c>index.html#/run/&lt;id&gt;</c>: config, summary, system, error, charts), or null without HTML.</summary>
    public string? RunPageUrl(string runId) => PageUrl("#/run/", runId);

    /// <summary>
    /// Ends once the files these reports replaced are closed (<see cref="Storage.ReplacedFiles"/>): they stay open past the
    /// report so that freeing them is not part of it. Tests wait on it.
    /// </summary>
    internal Task ReplacedFilesClosed { get; init; } = Task.CompletedTask;

    internal ReportResult WithConsoleLines(IReadOnlyList<string> lines) => Copy(lines, Retention, ReplacedFilesClosed);

    /// <summary>The same reports with what retention did, its lines first in the console summary.</summary>
    internal ReportResult WithRetention(Storage.Retention.RetentionResult retention) =>
        Copy(retention.Lines(Storage.Retention.RetentionResult.ConsoleIdsPerGroup).Concat(ConsoleLines).ToList(), retention, ReplacedFilesClosed);

    internal ReportResult WithReplacedFilesClosed(Task closed) => Copy(ConsoleLines, Retention, closed);

    private ReportResult Copy(IReadOnlyList<string> lines, Storage.Retention.RetentionResult? retention, Task closed) => new()
    {
        Directory = Directory,
        JsonPath = JsonPath,
        MarkdownPath = MarkdownPath,
        HtmlPath = HtmlPath,
        ConsoleLines = lines,
        Retention = retention,
        ReplacedFilesClosed = closed,
    };

    private string? PageUrl(string route, string name) =>
        HtmlPath is null ? null : new Uri(HtmlPath).AbsoluteUri + route + Uri.EscapeDataString(name);
}
