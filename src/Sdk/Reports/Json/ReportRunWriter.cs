using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// Writes a run as a JSON object, one way for every report: each report carries the fields of its list,
/// in that (documented) order, and every field is written here.
/// </summary>
internal static class ReportRunWriter
{
    /// <summary>A run of runs.json (docs/reports.md).</summary>
    public static readonly RunField[] RunsJsonFields =
    {
        RunField.Id, RunField.Name, RunField.Project, RunField.Group, RunField.JobType, RunField.State, RunField.ExitCode,
        RunField.CreatedAt, RunField.FinishedAt, RunField.Tags, RunField.Notes, RunField.Config, RunField.Summary,
    };

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static void WriteRun(JsonWriter json, StoredRun run, RunField[] fields)
    {
        json.WriteStartObject();
        foreach (var field in fields)
        {
            WriteField(json, run, field);
        }

        json.WriteEndObject();
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static void WriteField(JsonWriter json, StoredRun run, RunField field)
    {
        switch (field)
        {
            case RunField.Id: json.WriteProperty(JsonFields.Id, run.Id); break;
            case RunField.Name: json.WriteProperty(JsonFields.Name, run.Name); break;
            case RunField.Project: json.WriteProperty(JsonFields.Project, run.Project); break;
            case RunField.Group: json.WriteProperty(JsonFields.Group, run.Group); break;
            case RunField.JobType: json.WriteProperty(JsonFields.JobType, run.JobType); break;
            case RunField.State: json.WriteProperty(JsonFields.State, run.State.ToName()); break;
            case RunField.ExitCode: json.WriteProperty(JsonFields.ExitCode, run.ExitCode); break;
            case RunField.CreatedAt: json.WriteRoundTripTime(JsonFields.CreatedAt, run.CreatedAt); break;
            case RunField.FinishedAt: json.WriteRoundTripTime(JsonFields.FinishedAt, run.FinishedAt); break;
            case RunField.Tags: json.WriteStringArray(JsonFields.Tags, run.Tags); break;
            case RunField.Notes: json.WriteProperty(JsonFields.Notes, run.Notes); break;
            case RunField.Config: json.WritePlainValue(JsonFields.Config, run.Config); break;
            case RunField.Summary: json.WritePlainValue(JsonFields.Summary, run.Summary); break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "A run field the reports do not know.");
        }
    }
}
