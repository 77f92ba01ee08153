using System.Globalization;
using Newtonsoft.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the page's data (schema documented in docs/html-report.md, "Data contract"): compact per-run data
/// (identity, flattened config, summary, bucketed history) that the page regroups by any key, plus the
/// group comparisons. Runs are read and written one at a time, so memory stays flat for large stores.
/// </summary>
internal static class ReportDataWriter
{
    public static void Write(JsonWriter json, RunStore store, IReadOnlyList<StoredRun> runs, HtmlReportOptions options, DateTimeOffset generatedAt)
    {
        var buckets = HtmlBudget.BucketsPerRun(runs, options);
        var origin = runs.Count == 0 ? 0 : runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds()) / 1000.0;
        var metrics = new SortedSet<string>(StringComparer.Ordinal);

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
            var history = run.HistoryRows > 0
                ? HistoryDownsampler.Downsample(store.ReadHistory(run.Id), run.HistoryRows, buckets)
                : new RunHistoryBuckets(0);
            metrics.UnionWith(history.Metrics.Keys);
            WriteRun(json, run, history, origin);
        }

        json.WriteEndArray();
        json.WritePropertyName("metrics");
        json.WriteStartArray();
        foreach (var metric in metrics)
        {
            json.WriteValue(metric);
        }

        json.WriteEndArray();
        json.WritePropertyName("comparisons");
        ComparisonWriter.Write(json, runs);
        json.WriteEndObject();
    }

    private static void WriteRun(JsonWriter json, StoredRun run, RunHistoryBuckets history, double origin)
    {
        json.WriteStartObject();
        Property(json, "id", run.Id);
        Property(json, "name", run.Name);
        Property(json, "project", run.Project);
        Property(json, "group", run.Group);
        Property(json, "job_type", run.JobType);
        Property(json, "state", run.State.ToName());
        Property(json, "notes", run.Notes);
        Property(json, "created_at", run.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WritePropertyName("duration");
        JsonNumbers.Write(json, run.DurationSeconds, "F3");
        json.WritePropertyName("tags");
        json.WriteStartArray();
        foreach (var tag in run.Tags)
        {
            json.WriteValue(tag);
        }

        json.WriteEndArray();
        json.WritePropertyName("config");
        PlainValues.WriteObject(json, run.FlatConfig);
        json.WritePropertyName("summary");
        PlainValues.WriteObject(json, run.Summary);
        json.WritePropertyName("history");
        WriteHistory(json, history, origin);
        json.WriteEndObject();
    }

    private static void WriteHistory(JsonWriter json, RunHistoryBuckets history, double origin)
    {
        var filled = Enumerable.Range(0, history.Count).Where(i => history.Filled[i]).ToArray();
        json.WriteStartObject();
        json.WritePropertyName("step");
        json.WriteStartArray();
        foreach (var i in filled)
        {
            json.WriteValue(history.Steps[i]);
        }

        json.WriteEndArray();
        json.WritePropertyName("runtime");
        WriteArray(json, filled.Select(i => (double?)history.Runtimes[i]), "G7");
        json.WritePropertyName("wall");
        WriteArray(json, filled.Select(i => (double?)(history.WallTimes[i] - origin)), "F2");
        json.WritePropertyName("metrics");
        json.WriteStartObject();
        foreach (var pair in history.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(pair.Key);
            WriteArray(json, filled.Select(i => pair.Value[i]), "G6");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArray(JsonWriter json, IEnumerable<double?> values, string format)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            if (value is { } v)
            {
                JsonNumbers.Write(json, v, format);
            }
            else
            {
                json.WriteNull();
            }
        }

        json.WriteEndArray();
    }

    private static void Property(JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }
}
