using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// The page data's <c>omitted</c> (docs/html-report.md, "Data contract"): what the budget left out of the runs
/// (<see cref="ReportDetail"/>), the settings that show it, and the aggregates of the most recent summarised
/// groups, so the page can still show their counts and key metrics without a row per run. The list is cut at
/// <see cref="MaxListedGroups"/> groups: a store of single-run groups must not make the page grow with history.
/// </summary>
internal static class PageOmittedWriter
{
    /// <summary>Most summarised groups whose aggregates the page holds; runs.json lists every group.</summary>
    public const int MaxListedGroups = 1_000;

    public static void Write(JsonWriter json, ReportModel model)
    {
        var detail = model.Detail;
        var metrics = model.KeyMetrics;
        json.WritePropertyName("omitted");
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Runs, detail.OmittedRuns);
        json.WriteProperty("groups", detail.SummaryOnly.Count);
        json.WriteProperty("max_detail_runs", detail.Budget);
        json.WriteProperty("how", OmittedNote.How);
        json.WriteStringArray("metrics", metrics);
        json.WritePropertyName("summary_only");
        json.WriteStartArray();
        foreach (var group in detail.SummaryOnly.Take(MaxListedGroups))
        {
            // A group: name, projects, run count, states, its latest run's creation, and per key metric [n, mean, std, min,
            // max], as made for the group object (by a read-ahead, an earlier page, or now).
            PageOmittedGroupText.Of(group).WriteEntry(json, metrics);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
