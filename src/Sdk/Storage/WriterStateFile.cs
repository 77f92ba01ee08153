using Newtonsoft.Json;
using Wandb.Storage.Folder;

namespace Wandb.Storage;

/// <summary>
/// The content of <c>&lt;writer&gt;.state.json</c>: what one process attached to a run has recorded. It is
/// replaced atomically about once a second while the run is open, so it doubles as the heartbeat.
/// </summary>
internal sealed class WriterStateFile
{
    [JsonProperty("schema")]
    public int Schema { get; set; } = StoreLayout.FormatVersion;

    [JsonProperty("writer")]
    public string Writer { get; set; } = string.Empty;

    [JsonProperty("host")]
    public string? Host { get; set; }

    [JsonProperty("pid")]
    public int Pid { get; set; }

    [JsonProperty("process_started_at")]
    public DateTimeOffset? ProcessStartedAt { get; set; }

    [JsonProperty("started_at")]
    public DateTimeOffset StartedAt { get; set; }

    [JsonProperty("updated_at")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonProperty("finished_at")]
    public DateTimeOffset? FinishedAt { get; set; }

    [JsonProperty("state")]
    public string State { get; set; } = "running";

    [JsonProperty("exit_code")]
    public int? ExitCode { get; set; }

    [JsonProperty("rows")]
    public long Rows { get; set; }

    [JsonProperty("last_step")]
    public long? LastStep { get; set; }

    [JsonProperty("config")]
    public Dictionary<string, object?> Config { get; set; } = new();

    [JsonProperty("summary")]
    public Dictionary<string, object?> Summary { get; set; } = new();

    [JsonProperty("last")]
    public Dictionary<string, double> Last { get; set; } = new();

    [JsonProperty("dropped_rows")]
    public long DroppedRows { get; set; }
}
