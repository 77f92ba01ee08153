using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Reports.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// The page data's quality gate fields (additive; docs/html-report.md, "Data contract"): <c>gates</c>, the verdicts
/// exactly as runs.json lists them; <c>trends</c>, per gated metric and job type (or the key metric when nothing was
/// gated) the project's recent group means with their 95% CI, oldest first, the baseline and the gated group marked;
/// and <c>baseline_group</c>, the group the page's comparison of groups compares with.
/// </summary>
internal static class PageGatesWriter
{
    public static void Write(JsonWriter json, HtmlReportOptions options)
    {
        json.WriteProperty("baseline_group", options.BaselineGroup);
        GateJsonWriter.Write(json, options.Gates);
        json.WritePropertyName("trends");
        json.WriteStartArray();
        foreach (var series in options.Trends)
        {
            json.WriteStartObject();
            json.WriteProperty(JsonFields.Project, series.Project);
            json.WriteProperty("metric", series.Metric);
            json.WriteProperty(JsonFields.JobType, series.JobType);
            json.WriteProperty("baseline", series.Baseline);
            json.WriteProperty("baseline_is_file", series.BaselineIsFile);
            GateJsonWriter.WriteStatistics(json, "baseline_stats", series.BaselineStats);

            json.WritePropertyName("points");
            json.WriteStartArray();
            foreach (var point in series.Points)
            {
                json.WriteStartObject();
                json.WriteProperty(JsonFields.Group, point.Group);
                json.WriteRoundTripTime("time", point.Time);
                GateJsonWriter.WriteStatistics(json, "stats", point.Stats);
                json.WriteProperty("is_baseline", point.IsBaseline);
                json.WriteProperty("is_current", point.IsCurrent);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
