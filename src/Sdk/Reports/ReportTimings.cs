using System.Diagnostics;

namespace Wandb.Reports;

/// <summary>
/// When each step of one report refresh ended, in milliseconds from the refresh's start: the model, then runs.json,
/// summary.md, the console summary and the index files on one core, and the page's curves, runs table and file on the
/// other (<see cref="ReportWriter"/>). The <c>refresh</c> benchmark prints them beside its figures, so what a larger store
/// adds to a refresh shows step by step instead of being found again with a profiler. A refresh given none marks nothing.
/// </summary>
internal sealed class ReportTimings
{
    public const string Model = "model";
    public const string RunsJson = "runs.json";
    public const string Summary = "summary.md";
    public const string Console = "console";
    public const string Indexes = "indexes";
    public const string PageCurves = "page curves";
    public const string PageRuns = "page runs";
    public const string Page = "page";

    /// <summary>The steps of the core that writes runs.json, in their order: the model first, which both cores wait for.</summary>
    public static readonly IReadOnlyList<string> FileSteps = new[] { Model, RunsJson, Summary, Console, Indexes };

    /// <summary>The steps of the core that writes the page, in their order, once the model is made.</summary>
    public static readonly IReadOnlyList<string> PageSteps = new[] { PageCurves, PageRuns, Page };

    /// <summary>Every step, the file core's first.</summary>
    public static readonly IReadOnlyList<string> Steps = FileSteps.Concat(PageSteps).ToList();

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _ends = new(StringComparer.Ordinal);

    /// <summary>Notes that <paramref name="step"/> ended now; the page's steps are marked from the core that writes it.</summary>
    public void Mark(string step)
    {
        var now = _clock.Elapsed.TotalMilliseconds;
        lock (_ends)
        {
            _ends[step] = now;
        }
    }

    /// <summary>Milliseconds from the start to the end of each step marked so far.</summary>
    public IReadOnlyDictionary<string, double> Ends
    {
        get
        {
            lock (_ends)
            {
                return new Dictionary<string, double>(_ends, StringComparer.Ordinal);
            }
        }
    }
}
