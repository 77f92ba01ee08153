using Newtonsoft.Json;
using Wandb.Grouping.Aggregates;
using Wandb.Json;
using Wandb.Reports.Json;

namespace Wandb.Cli.Commands;

/// <summary>
/// <c>dotnet wandb ls --groups --json</c>: one object per project and group, with the fields and statistics of
/// runs.json's <c>groups</c> (docs/reports.md) but a <c>run_count</c> instead of the list of run ids.
/// </summary>
internal static class GroupJson
{
    public static void Write(TextWriter output, IReadOnlyList<GroupAggregate> groups, DateTimeOffset generatedAt)
    {
        using var json = JsonConventions.CreateWriter(output, Formatting.Indented);
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Schema, RunsJsonWriter.Schema);
        json.WriteRoundTripTime(JsonFields.GeneratedAt, generatedAt);
        json.WritePropertyName("groups");
        json.WriteStartArray();
        foreach (var group in groups)
        {
            json.WriteStartObject();
            json.WriteProperty(JsonFields.Project, group.Project);
            json.WriteProperty(JsonFields.Group, group.Group);
            json.WriteProperty("run_count", group.Runs);
            json.WriteStringArray("job_types", group.JobTypes);
            json.WritePropertyName("states");
            json.WriteStartObject();
            foreach (var state in group.States)
            {
                json.WriteProperty(state.Key.ToName(), state.Value);
            }

            json.WriteEndObject();
            json.WriteRoundTripTime("newest_created_at", group.NewestCreatedAt);
            json.WritePropertyName(JsonFields.Summary);
            json.WriteStartObject();
            foreach (var metric in group.Metrics)
            {
                json.WritePropertyName(metric.Key);
                RunsJsonWriter.WriteStatistics(json, metric.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
