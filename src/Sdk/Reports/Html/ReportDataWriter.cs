using System.Globalization;
using Newtonsoft.Json;
using Wandb.Grouping.Curves;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the page's data (schema documented in docs/html-report.md, "Data contract"): compact per-run data
/// (identity, flattened config, summary) and each run's bucketed curves, which the page regroups by any key,
/// plus the group comparisons. Histories are streamed once; only their buckets stay in memory.
/// </summary>
internal static class ReportDataWriter
{
    public static void Write(JsonWriter json, RunStore store, IReadOnlyList<StoredRun> runs, HtmlReportOptions options, DateTimeOffset generatedAt)
    {
        var buckets = HtmlBudget.BucketsPerChart(runs, options);
        var origin = runs.Count == 0 ? 0 : runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds()) / 1000.0;
        var curves = StepCurves.Build(store, runs, buckets);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            index[runs[i].Id] = i;
        }

        json.WriteStartObject();
        json.WritePropertyName("schema");
        json.WriteValue(1);
        json.WritePropertyName("generated_at");
        json.WriteValue(generatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WritePropertyName("buckets");
        json.WriteValue(buckets);
        json.WritePropertyName("time_origin");
        JsonNumbers.Write(json, origin, "F3");
        json.WritePropertyName("runs");
        json.WriteStartArray();
        foreach (var run in runs)
        {
            WriteRun(json, run);
        }

        json.WriteEndArray();
        json.WritePropertyName("metrics");
        json.WriteStartArray();
        foreach (var metric in curves.Keys.Where(IsMetric))
        {
            json.WriteValue(metric);
        }

        json.WriteEndArray();
        json.WritePropertyName("curves");
        json.WriteStartObject();
        foreach (var pair in curves.Where(p => IsMetric(p.Key)))
        {
            json.WritePropertyName(pair.Key);
            WriteCurves(json, pair.Value, index, 0, "G6");
        }

        json.WriteEndObject();
        json.WritePropertyName("axes");
        json.WriteStartObject();
        if (curves.TryGetValue(StepCurves.Runtime, out var runtime))
        {
            json.WritePropertyName("runtime");
            WriteCurves(json, runtime, index, 0, "G7");
        }

        if (curves.TryGetValue(StepCurves.Timestamp, out var wall))
        {
            json.WritePropertyName("wall");
            WriteCurves(json, wall, index, origin, "F2");
        }

        json.WriteEndObject();
        json.WritePropertyName("comparisons");
        ComparisonWriter.Write(json, runs, options.Goals);
        json.WriteEndObject();
    }

    private static bool IsMetric(string name) => name != StepCurves.Runtime && name != StepCurves.Timestamp;

    /// <summary>
    /// One chart: the grid (<c>x0</c>, <c>width</c>, <c>count</c>) and per run <c>[run index, first bucket, values]</c>
    /// with the run's leading and trailing gaps cut off; null inside the values is a gap.
    /// </summary>
    private static void WriteCurves(JsonWriter json, MetricCurves curves, IReadOnlyDictionary<string, int> index, double offset, string format)
    {
        json.WriteStartObject();
        json.WritePropertyName("x0");
        JsonNumbers.Write(json, curves.Grid.Count == 0 ? 0 : curves.Grid.X(0), "R");
        json.WritePropertyName("width");
        JsonNumbers.Write(json, curves.Grid.Width, "R");
        json.WritePropertyName("count");
        json.WriteValue(curves.Grid.Count);
        json.WritePropertyName("runs");
        json.WriteStartArray();
        foreach (var run in curves.Runs)
        {
            var last = run.Last;
            var first = Array.FindIndex(last, v => !double.IsNaN(v));
            if (first < 0 || !index.TryGetValue(run.RunId, out var runIndex))
            {
                continue;
            }

            var end = Array.FindLastIndex(last, v => !double.IsNaN(v));
            json.WriteStartArray();
            json.WriteValue(runIndex);
            json.WriteValue(first);
            json.WriteStartArray();
            for (var i = first; i <= end; i++)
            {
                if (double.IsNaN(last[i]))
                {
                    json.WriteNull();
                }
                else
                {
                    JsonNumbers.Write(json, last[i] - offset, format);
                }
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRun(JsonWriter json, StoredRun run)
    {
        json.WriteStartObject();
        json.WriteProperty("id", run.Id);
        json.WriteProperty("name", run.Name);
        json.WriteProperty("project", run.Project);
        json.WriteProperty("group", run.Group);
        json.WriteProperty("job_type", run.JobType);
        json.WriteProperty("state", run.State.ToName());
        json.WriteProperty("notes", run.Notes);
        json.WriteProperty("created_at", run.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WritePropertyName("duration");
        JsonNumbers.Write(json, run.DurationSeconds, "F3");
        json.WriteStringArray("tags", run.Tags);
        json.WritePropertyName("config");
        PlainValues.WriteObject(json, run.FlatConfig);
        json.WritePropertyName("summary");
        PlainValues.WriteObject(json, run.Summary);
        json.WriteEndObject();
    }
}
