using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Storage.Folder;

namespace Wandb.Storage;

/// <summary>
/// The content of <c>&lt;writer&gt;.state.json</c>: what one process attached to a run has recorded. It is
/// replaced atomically about once a second while the run is open, so it doubles as the heartbeat.
/// </summary>
internal sealed class WriterStateFile
{
    [JsonProperty(JsonFields.Schema)]
    public int Schema { get; set; } = StoreLayout.FormatVersion;

    [JsonProperty(JsonFields.Writer)]
    public string Writer { get; set; } = string.Empty;

    [JsonProperty(JsonFields.Host)]
    public string? Host { get; set; }

    [JsonProperty(JsonFields.Pid)]
    public int Pid { get; set; }

    [JsonProperty(JsonFields.ProcessStartedAt)]
    public DateTimeOffset? ProcessStartedAt { get; set; }

    [JsonProperty(JsonFields.StartedAt)]
    public DateTimeOffset StartedAt { get; set; }

    [JsonProperty(JsonFields.UpdatedAt)]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonProperty(JsonFields.FinishedAt)]
    public DateTimeOffset? FinishedAt { get; set; }

    [JsonProperty(JsonFields.State)]
    public string State { get; set; } = "running";

    [JsonProperty(JsonFields.ExitCode)]
    public int? ExitCode { get; set; }

    [JsonProperty(JsonFields.Rows)]
    public long Rows { get; set; }

    [JsonProperty(JsonFields.LastStep)]
    public long? LastStep { get; set; }

    [JsonProperty(JsonFields.Config)]
    public Dictionary<string, object?> Config { get; set; } = new();

    [JsonProperty(JsonFields.Summary)]
    public Dictionary<string, object?> Summary { get; set; } = new();

    [JsonProperty(JsonFields.Last)]
    public Dictionary<string, double> Last { get; set; } = new();

    [JsonProperty(JsonFields.DroppedRows)]
    public long DroppedRows { get; set; }
}
