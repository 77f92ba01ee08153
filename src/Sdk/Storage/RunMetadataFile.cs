using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Runs;
using Wandb.Storage.Folder;

namespace Wandb.Storage;

/// <summary>The content of <c>run.json</c>: who the run is. Written once by the process that creates the run.</summary>
internal sealed class RunMetadataFile
{
    [JsonProperty(JsonFields.Schema)]
    public int Schema { get; set; } = StoreLayout.FormatVersion;

    [JsonProperty(JsonFields.Id)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty(JsonFields.Name)]
    public string Name { get; set; } = string.Empty;

    [JsonProperty(JsonFields.Project)]
    public string Project { get; set; } = string.Empty;

    [JsonProperty(JsonFields.Group)]
    public string? Group { get; set; }

    [JsonProperty(JsonFields.JobType)]
    public string? JobType { get; set; }

    [JsonProperty(JsonFields.Tags)]
    public List<string> Tags { get; set; } = new();

    [JsonProperty(JsonFields.Notes)]
    public string? Notes { get; set; }

    [JsonProperty(JsonFields.CreatedAt)]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonProperty(JsonFields.SystemInfo)]
    public SystemInfo System { get; set; } = new();
}
