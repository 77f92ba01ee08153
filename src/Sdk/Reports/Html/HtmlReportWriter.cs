using System.Net;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the self-contained interactive HTML report. Placeholder until the HTML report lands: a static
/// page listing the runs, every string encoded.
/// </summary>
internal static class HtmlReportWriter
{
    public static void Write(RunStore store, IReadOnlyList<StoredRun> runs, string path)
    {
        var rows = string.Concat(runs.Select(r => $"<tr><td>{WebUtility.HtmlEncode(r.Name)}</td><td>{WebUtility.HtmlEncode(r.Group ?? "")}</td><td>{WebUtility.HtmlEncode(r.JobType ?? "")}</td><td>{r.State.ToName()}</td></tr>"));
        File.WriteAllText(path, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Runs</title></head><body><table data-testid=\"runs-table\">{rows}</table></body></html>");
    }
}
