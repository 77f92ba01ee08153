using Newtonsoft.Json;
using Wandb.Gates;
using Wandb.Grouping.Statistics;
using Wandb.Json;

namespace Wandb.Reports.Json;

/// <summary>
/// runs.json's <c>gates</c> array (additive to schema 1, written when the build or test run evaluated a gate; documented
/// in docs/quality-gate.md): one entry per gate rule and job type with both sides' statistics, the difference with its
/// 95% CI, p and the tolerance. The build's gate records in the store use the same entries (<see cref="GateRecords"/>).
/// </summary>
internal static class GateJsonWriter
{
    public const string Gates = "gates";

    public static void Write(JsonWriter json, IEnumerable<GateRow> rows)
    {
        json.WritePropertyName(Gates);
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteProperty(JsonFields.Project, row.Project);
            json.WriteProperty("metric", row.Metric);
            json.WriteProperty(JsonFields.JobType, row.JobType);
            json.WriteProperty(JsonFields.Group, row.Group);
            json.WriteProperty("baseline", row.Baseline);
            json.WriteProperty("verdict", row.Verdict.ToName());
            WriteStatistics(json, "current", row.Current);
            WriteStatistics(json, "baseline_stats", row.BaselineStats);

            json.WriteStatistic("difference", row.Difference);
            json.WriteStatistic("difference_ci95_low", row.DifferenceCi95Low);
            json.WriteStatistic("difference_ci95_high", row.DifferenceCi95High);
            json.WriteStatistic("p", row.P);
            json.WriteStatistic("tolerance", row.Tolerance);
            json.WriteProperty("note", row.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A named side's statistics (<see cref="WriteStatistics(JsonWriter, MetricStatistics)"/>), or null.</summary>
    public static void WriteStatistics(JsonWriter json, string name, MetricStatistics? stats)
    {
        json.WritePropertyName(name);
        if (stats is null)
        {
            json.WriteNull();
        }
        else
        {
            WriteStatistics(json, stats);
        }
    }

    /// <summary>One side's statistics as the entries hold them: <c>n</c>, <c>mean</c>, <c>std</c>, <c>ci95_low</c>, <c>ci95_high</c>.</summary>
    public static void WriteStatistics(JsonWriter json, MetricStatistics stats)
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
