namespace Wandb.Reports.Html;

/// <summary>Knobs of the HTML report; the defaults are what <see cref="ReportWriter"/> uses.</summary>
internal sealed class HtmlReportOptions
{
    /// <summary>Most buckets per chart (the grouping engine's B); small stores get this many.</summary>
    public int MaxBuckets { get; set; } = Grouping.Curves.CurveBuilder.DefaultMaxBuckets;

    /// <summary>Fewest points kept per run and metric, whatever the size of the store.</summary>
    public int MinBuckets { get; set; } = 24;

    /// <summary>Which metrics are lower-is-better when the comparison picks the best group as baseline.</summary>
    public Grouping.MetricGoals Goals { get; set; } = new();

    /// <summary>Metric the comparison shows first when the page's runs have it (<see cref="ReportOptions.CompareMetric"/>); null: the page picks one as the key metrics are picked.</summary>
    public string? CompareMetric { get; set; }

    /// <summary>The report whose budget left runs out of the page's runs, for the page's note (<see cref="PageOmittedWriter"/>); null when none were.</summary>
    public ReportModel? Omitted { get; set; }

    /// <summary>The groups of the build or test run that asked for the page (<see cref="ReportOptions.FocusGroups"/>): their curves are kept first (<see cref="HtmlBudget.CurveRuns"/>).</summary>
    public ISet<string> FocusGroups { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The group the page's comparison of groups compares with when it is shown (<see cref="ReportModel.BaselineGroup"/>); null: the best group.</summary>
    public string? BaselineGroup { get; set; }

    /// <summary>The quality gate's verdicts the page shows (<see cref="ReportModel.Gates"/>).</summary>
    public IReadOnlyList<Gates.GateRow> Gates { get; set; } = Array.Empty<Gates.GateRow>();

    /// <summary>The trends the page charts (<see cref="Gates.GateTrend.Series"/>).</summary>
    public IReadOnlyList<Gates.TrendSeries> Trends { get; set; } = Array.Empty<Gates.TrendSeries>();

    /// <summary>Title of the page.</summary>
    public string Title { get; set; } = "Runs report · Wandb";

    /// <summary>Time written into the page as <c>generated_at</c>; default now.</summary>
    public DateTimeOffset? GeneratedAt { get; set; }

    /// <summary>Marks when the page's curves and runs table are done (<see cref="ReportTimings"/>); null marks nothing.</summary>
    public ReportTimings? Timings { get; set; }

    /// <summary>Holds the page it replaces open until the caller releases it (<see cref="Storage.ReplacedFiles"/>); null frees it in the rename.</summary>
    public Storage.ReplacedFiles? Replaced { get; set; }
}
