using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports.Json;
using Wandb.Reports.Markdown;
using Wandb.Storage;
using Wandb.Storage.Retention;

namespace Wandb.Reports;

/// <summary>
/// Writes the grouped reports of a store: runs.json (machines), summary.md (CI job summaries) and
/// index.html (people), and returns a short console summary. All of them render one model: the runs,
/// grouped (see <see cref="ReportOptions.GroupBy"/>), with per-group statistics and a comparison of groups.
/// </summary>
public static class ReportWriter
{
    /// <summary>Reads the store once and writes every report selected in <paramref name="options"/>.</summary>
    public static ReportResult WriteAll(RunStore store, ReportOptions? options = null) => WriteAll(store, options, SystemClock.Instance);

    internal static ReportResult WriteAll(RunStore store, ReportOptions? options, IClock clock) => WriteAll(store, options, clock, ConsoleOutput.Instance);

    /// <summary>Applies the options' retention policy, warning to <paramref name="output"/>, then writes the reports.</summary>
    /// <param name="store">The store to report.</param>
    /// <param name="options">What to write.</param>
    /// <param name="clock">The report's time.</param>
    /// <param name="output">Where retention warns.</param>
    /// <param name="timings">Marks when each step ended (the <c>refresh</c> benchmark); null marks nothing.</param>
    internal static ReportResult WriteAll(RunStore store, ReportOptions? options, IClock clock, IWandbOutput output, ReportTimings? timings = null)
    {
        options ??= new ReportOptions();
        var directory = Path.GetFullPath(options.OutputDirectory ?? DefaultDirectory(store));
        Directory.CreateDirectory(directory);

        // The indexes the listings bring up to date are written beside the page, not before the reports start.
        using var indexWrites = store.HoldIndexWrites();
        var retention = ApplyRetention(store, options, clock, output);
        var model = ReportModel.Build(store, options, clock.UtcNow);
        timings?.Mark(ReportTimings.Model);
        var result = Write(model, store, directory, indexWrites, timings);
        return retention is null ? result : result.WithRetention(retention);
    }

    /// <summary>Where the reports of <paramref name="store"/> go unless <see cref="ReportOptions.OutputDirectory"/> says otherwise.</summary>
    internal static string DefaultDirectory(RunStore store) => Path.Combine(store.LocalDirectory, "report");

    /// <summary>Runs the options' retention policy, if any, sparing the groups the reports are about.</summary>
    private static RetentionResult? ApplyRetention(RunStore store, ReportOptions options, IClock clock, IWandbOutput output)
    {
        if (options.Retention is null)
        {
            return null;
        }

        var spared = options.FocusGroups.Concat(options.BaselineGroup is null ? Array.Empty<string>() : new[] { options.BaselineGroup });
        return RunRetention.Apply(store, options.Retention, spared, clock, output);
    }

    internal static ReportResult Write(ReportModel model, RunStore store, string directory) => Write(model, store, directory, IndexWriteHold.None, timings: null);

    /// <summary>Writes the reports of <paramref name="model"/> into <paramref name="directory"/>, the page on another core.</summary>
    /// <param name="model">What every report shows.</param>
    /// <param name="store">Where the page reads the histories of the runs it charts.</param>
    /// <param name="directory">The report folder.</param>
    /// <param name="indexWrites">Released once runs.json and summary.md are written, while the page may still be.</param>
    /// <param name="timings">Marks when each step ended; null marks nothing.</param>
    private static ReportResult Write(ReportModel model, RunStore store, string directory, IndexWriteHold indexWrites, ReportTimings? timings)
    {
        var options = model.Options;

        // The HTML report reads the histories and is the largest file; the model is read-only, so it is
        // written on another core while runs.json and summary.md are written here.
        var files = new ReportResult
        {
            Directory = directory,
            JsonPath = options.Json ? Path.Combine(directory, "runs.json") : null,
            MarkdownPath = options.Markdown ? Path.Combine(directory, "summary.md") : null,
            HtmlPath = options.Html ? Path.Combine(directory, "index.html") : null,
        };
        // The files replaced stay open until every report is written: freeing a large one in the rename took milliseconds
        // of the refresh (ReplacedFiles).
        var replaced = new ReplacedFiles();
        Task closed;

        // On a thread of its own, started now: queued to the thread pool, the page waited for a pool thread up to 4 ms
        // of a 100,000-run store's refresh on a 2-core machine, while the model's tasks held both.
        var html = files.HtmlPath is { } htmlPath ? Task.Factory.StartNew(() =>
        {
            Html.HtmlReportWriter.Write(model, store, htmlPath, timings, replaced);
            timings?.Mark(ReportTimings.Page);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default) : null;
        try
        {
            if (files.JsonPath is { } jsonPath)
            {
                AtomicFile.Write(jsonPath, writer => RunsJsonWriter.Write(model, writer), replaced);
                timings?.Mark(ReportTimings.RunsJson);
            }

            if (files.MarkdownPath is { } markdownPath)
            {
                AtomicFile.Write(markdownPath, writer => MarkdownSummaryWriter.Render(model, writer), replaced);
                timings?.Mark(ReportTimings.Summary);
            }

            // The page takes longest: what the console prints and the indexes are done here meanwhile.
            files = files.WithConsoleLines(ConsoleSummary.Lines(model, files));
            timings?.Mark(ReportTimings.Console);
            indexWrites.Release();
            timings?.Mark(ReportTimings.Indexes);
        }
        finally
        {
            try
            {
                // Rethrows the HTML writer's own exception, not an AggregateException, so callers see what failed.
                html?.GetAwaiter().GetResult();
            }
            finally
            {
                closed = replaced.Release();
                RunsJsonPrefix.Release(store);
            }
        }

        return files.WithReplacedFilesClosed(closed);
    }
}
