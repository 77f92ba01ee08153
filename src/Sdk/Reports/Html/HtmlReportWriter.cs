using System.Net;
using Newtonsoft.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the self-contained interactive HTML report: one <c>index.html</c> with inline script, style and
/// data that opens from disk with no network (docs/html-report.md).
/// </summary>
internal static class HtmlReportWriter
{
    public static void Write(RunStore store, IReadOnlyList<StoredRun> runs, string path) =>
        Write(store, runs, path, new HtmlReportOptions());

    /// <summary>Groups each trend chart of the page follows.</summary>
    private const int TrendGroups = 20;

    /// <summary>Trend charts of the key metric at most, when nothing was gated.</summary>
    private const int KeyMetricTrends = 6;

    /// <summary>
    /// The report of a model's runs shown in full (<see cref="ReportModel.Detail"/>), with its bucket count
    /// (<see cref="ReportOptions.ChartBuckets"/>), metric goals, verdicts, trends and the note of what its budget left out.
    /// </summary>
    /// <param name="model">The report.</param>
    /// <param name="store">Where the histories of the runs it charts are read.</param>
    /// <param name="path">The page's file.</param>
    /// <param name="timings">Marks when the page's curves and runs table are done; null marks nothing.</param>
    /// <param name="replaced">Holds the page it replaces open until the caller releases it; null frees it in the rename.</param>
    public static void Write(ReportModel model, RunStore store, string path, ReportTimings? timings = null, ReplacedFiles? replaced = null)
    {
        var options = OptionsFor(model);
        options.Timings = timings;
        options.Replaced = replaced;
        Write(store, model.Detail.Runs, path, options);
    }

    /// <summary>
    /// What the page of <paramref name="model"/> shows besides its runs: the note of what its budget left out, bucket
    /// count, goals, verdicts and trends. The report file and <c>dotnet wandb ui</c>'s live data both use it.
    /// </summary>
    internal static HtmlReportOptions OptionsFor(ReportModel model) => new()
    {
        Omitted = model.Detail.IsComplete ? null : model,
        MaxBuckets = model.Options.ChartBuckets,
        Goals = model.Goals,
        CompareMetric = model.Options.CompareMetric,
        GeneratedAt = model.GeneratedAt,
        BaselineGroup = model.BaselineGroup,
        FocusGroups = new HashSet<string>(model.Options.FocusGroups, StringComparer.Ordinal),
        Gates = model.Gates,
        // From the runs shown in full: a group summarised from a store's aggregates has no per-job-type means, and the
        // newest groups a trend follows are the ones the budget shows first.
        Trends = Gates.GateTrend.Series(model.Gates, model.Detail.Runs, model.FocusRuns, model.CompareMetric, model.BaselineGroup, TrendGroups, KeyMetricTrends),
    };

    public static void Write(RunStore store, IReadOnlyList<StoredRun> runs, string path, HtmlReportOptions options)
    {
        var assets = PageAssets.Instance;
        var page = PageTemplate.Parse(assets.Template);

        AtomicFile.Write(path, writer => page.Write(writer, slot =>
        {
            switch (slot)
            {
                case "csp": writer.Write(WebUtility.HtmlEncode(ContentSecurityPolicy.For(assets.Script, assets.Style))); break;
                case "title": writer.Write(WebUtility.HtmlEncode(options.Title)); break;
                case "style": writer.Write(assets.Style); break;
                case "script": writer.Write(assets.Script); break;
                case "data": WriteData(writer, store, runs, options); break;
                case "live": break;   // only dotnet wandb ui fills it (docs/cli.md)
                default: throw new InvalidOperationException($"Unknown slot '{slot}' in the report template.");
            }
        }), options.Replaced);
    }

    /// <summary>The page's data block (also what <c>dotnet wandb ui</c> serves as its live data).</summary>
    internal static void WriteData(TextWriter writer, RunStore store, IReadOnlyList<StoredRun> runs, HtmlReportOptions options)
    {
        using var json = CreateDataWriter(writer);
        ReportDataWriter.Write(json, store, runs, options, options.GeneratedAt ?? DateTimeOffset.UtcNow);
        json.Flush();
    }

    /// <summary>The writer of the page's data, and of the parts of it made ahead (<see cref="PageOmittedGroupText"/>).</summary>
    internal static JsonTextWriter CreateDataWriter(TextWriter writer) => new(writer)
    {
        // EscapeHtml writes <, > and & (and quotes) inside strings as \u escapes, so no user string can close
        // the data's script element or start markup; outside strings JSON has none of these characters.
        StringEscapeHandling = StringEscapeHandling.EscapeHtml,
        FloatFormatHandling = FloatFormatHandling.String,
        Formatting = Formatting.None,
        CloseOutput = false,
    };
}
