using System.Globalization;
using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Grouping.Statistics;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// Writes runs.json (schema 1, documented in docs/reports.md), streaming so that thousands of runs never
/// sit in memory as one JSON tree. Non-finite numbers in config and summary are the strings "NaN",
/// "Infinity" and "-Infinity", as in the store; a statistic that is undefined (the std dev of one run) is null.
/// </summary>
internal static class RunsJsonWriter
{
    public const int Schema = 1;

    public static void Write(ReportModel model, TextWriter output)
    {
        using var json = new JsonTextWriter(output)
        {
            Formatting = Formatting.Indented,
            FloatFormatHandling = FloatFormatHandling.String,
            Culture = CultureInfo.InvariantCulture,
            CloseOutput = false,
        };
        json.WriteStartObject();
        json.WritePropertyName("schema");
        json.WriteValue(Schema);
        json.WritePropertyName("generated_at");
        json.WriteValue(model.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WritePropertyName("runs");
        json.WriteStartArray();
        foreach (var run in model.Runs)
        {
            WriteRun(json, run);
        }

        json.WriteEndArray();
        json.WritePropertyName("groups");
        json.WriteStartArray();
        foreach (var group in model.ByGroup.Groups)
        {
            WriteGroup(json, group);
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
        json.WritePropertyName("exit_code");
        json.WriteValue(run.ExitCode);
        json.WriteProperty("created_at", run.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WriteProperty("finished_at", run.FinishedAt?.ToString("O", CultureInfo.InvariantCulture));
        json.WriteStringArray("tags", run.Tags);
        json.WriteProperty("notes", run.Notes);
        json.WritePropertyName("config");
        PlainJsonWriter.Write(json, run.Config);
        json.WritePropertyName("summary");
        PlainJsonWriter.Write(json, run.Summary);
        json.WriteEndObject();
    }

    private static void WriteGroup(JsonWriter json, RunGroup group)
    {
        json.WriteStartObject();
        json.WritePropertyName("group");
        json.WriteValue(group.Path[0].IsMissing ? null : group.Path[0].Text);
        json.WritePropertyName("runs");
        json.WriteStartArray();
        foreach (var run in group.Runs)
        {
            json.WriteValue(run.Id);
        }

        json.WriteEndArray();
        json.WritePropertyName("job_types");
        json.WriteStartArray();
        foreach (var jobType in group.Runs.Select(r => r.JobType).Distinct().OrderBy(j => j is null).ThenBy(j => j, StringComparer.Ordinal))
        {
            json.WriteValue(jobType);
        }

        json.WriteEndArray();
        json.WritePropertyName("states");
        json.WriteStartObject();
        foreach (var state in group.Runs.GroupBy(r => r.State).OrderBy(g => g.Key))
        {
            json.WritePropertyName(state.Key.ToName());
            json.WriteValue(state.Count());
        }

        json.WriteEndObject();
        json.WritePropertyName("summary");
        json.WriteStartObject();
        foreach (var pair in group.Summary)
        {
            json.WritePropertyName(pair.Key);
            WriteStatistics(json, pair.Value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStatistics(JsonWriter json, MetricStatistics stats)
    {
        json.WriteStartObject();
        json.WritePropertyName("n");
        json.WriteValue(stats.N);
        Statistic(json, "mean", stats.Mean);
        Statistic(json, "median", stats.Median);
        Statistic(json, "min", stats.Min);
        Statistic(json, "max", stats.Max);
        Statistic(json, "std", stats.Std);
        Statistic(json, "stderr", stats.StdErr);
        Statistic(json, "ci95_low", stats.Ci95Low);
        Statistic(json, "ci95_high", stats.Ci95High);
        json.WritePropertyName("non_finite");
        json.WriteValue(stats.NonFinite);
        json.WritePropertyName("non_numeric");
        json.WriteValue(stats.NonNumeric);
        json.WriteEndObject();
    }

    // Statistics come from finite values only, so NaN here means "undefined for this n": null, not "NaN".
    private static void Statistic(JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        if (MetricStatistics.IsFinite(value))
        {
            json.WriteValue(value);
        }
        else
        {
            json.WriteNull();
        }
    }
}
