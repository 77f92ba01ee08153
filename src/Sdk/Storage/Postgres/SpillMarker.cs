using Newtonsoft.Json;

namespace Wandb.Storage.Postgres;

/// <summary>
/// <c>runs/&lt;id&gt;/&lt;writer&gt;.spill.json</c> in the local folder store: written when a writer of the
/// PostgreSQL store spilled there. <c>first_seq</c> is how many rows of that writer already reached the
/// database, so pushing the spilled rows later continues the writer's history without gaps or duplicates.
/// Folder store readers ignore the file.
/// </summary>
internal sealed class SpillMarker
{
    public const string Suffix = ".spill.json";

    [JsonProperty("schema")]
    public int Schema { get; set; } = 1;

    [JsonProperty("writer")]
    public string Writer { get; set; } = string.Empty;

    [JsonProperty("first_seq")]
    public long FirstSeq { get; set; }

    [JsonProperty("store")]
    public string Store { get; set; } = string.Empty;

    [JsonProperty("spilled_at")]
    public DateTimeOffset SpilledAt { get; set; }
}
