namespace Wandb.Reports.Html;

/// <summary>Knobs of the HTML report; the defaults are what <see cref="ReportWriter"/> uses.</summary>
internal sealed class HtmlReportOptions
{
    /// <summary>Most points kept per run and metric (small stores get full-resolution curves up to this).</summary>
    public int MaxBuckets { get; set; } = 1000;

    /// <summary>Fewest points kept per run and metric, whatever the size of the store.</summary>
    public int MinBuckets { get; set; } = 24;

    /// <summary>Title of the page.</summary>
    public string Title { get; set; } = "Runs report · Wandb";

    /// <summary>Time written into the page as <c>generated_at</c>; default now.</summary>
    public DateTimeOffset? GeneratedAt { get; set; }
}
