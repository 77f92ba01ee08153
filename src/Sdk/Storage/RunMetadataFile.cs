using Newtonsoft.Json;
using Wandb.Runs;
using Wandb.Storage.Folder;

namespace Wandb.Storage;

/// <summary>The content of <c>run.json</c>: who the run is. Written once by the process that creates the run.</summary>
internal sealed class RunMetadataFile
{
    [JsonProperty("schema")]
    public int Schema { get; set; } = StoreLayout.FormatVersion;

    [JsonProperty("id")]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("name")]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("project")]
    public string Project { get; set; } = string.Empty;

    [JsonProperty("group")]
    public string? Group { get; set; }

    [JsonProperty("job_type")]
    public string? JobType { get; set; }

    [JsonProperty("tags")]
    public List<string> Tags { get; set; } = new();

    [JsonProperty("notes")]
    public string? Notes { get; set; }

    [JsonProperty("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonProperty("system")]
    public SystemInfo System { get; set; } = new();
}
