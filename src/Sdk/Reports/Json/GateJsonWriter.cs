using Newtonsoft.Json;
using Wandb.Gates;
using Wandb.Grouping.Statistics;
using Wandb.Json;

namespace Wandb.Reports.Json;

/// <summary>
/// runs.json's <c>gates</c> array (additive to schema 1, written when the build or test run evaluated a gate; documented
/// in docs/quality-gate.md): one entry per gate rule and job type with both sides' statistics, the difference with its
/// 95% CI, p and the tolerance.
/// </summary>
internal static class GateJsonWriter
{
    public static void Write(JsonWriter json, IEnumerable<GateResult> results)
    {
        json.WritePropertyName("gates");
        json.WriteStartArray();
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteProperty("metric", result.Metric);
            json.WriteProperty(JsonFields.JobType, result.JobType);
            json.WriteProperty(JsonFields.Group, result.Group);
            json.WriteProperty("baseline", result.Baseline?.Name);
            json.WriteProperty("verdict", result.Verdict.ToName());
            json.WritePropertyName("current");
            WriteStatistics(json, result.Current);
            json.WritePropertyName("baseline_stats");
            if (result.BaselineStats is null)
            {
                json.WriteNull();
            }
            else
            {
                WriteStatistics(json, result.BaselineStats);
            }

            json.WriteStatistic("difference", result.Difference);
            json.WriteStatistic("difference_ci95_low", result.Test?.Ci95Low ?? double.NaN);
            json.WriteStatistic("difference_ci95_high", result.Test?.Ci95High ?? double.NaN);
            json.WriteStatistic("p", result.P);
            json.WriteStatistic("tolerance", result.Tolerance);
            json.WriteProperty("note", result.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStatistics(JsonWriter json, MetricStatistics stats)
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.N, stats.N);
        json.WriteStatistic(JsonFields.Mean, stats.Mean);
        json.WriteStatistic(JsonFields.Std, stats.Std);
        json.WriteStatistic("ci95_low", stats.Ci95Low);
        json.WriteStatistic("ci95_high", stats.Ci95High);
        json.WriteEndObject();
    }
}
