using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Storage.Folder;

/// <summary>
/// <c>runs/&lt;id&gt;/&lt;writer&gt;.spill.json</c>: this writer's history file continues a writer of another store
/// (the PostgreSQL store's spill folder, or the fallback folder of a store that could not be written).
/// <c>first_seq</c> is how many of the writer's rows come before the file's first line, so merging the file
/// continues the writer's history without gaps or duplicates; <c>run</c> is the run's metadata, so the merge can
/// create the run even where no <c>run.json</c> was written. Folder store readers ignore the file.
/// </summary>
internal sealed class SpillMarker
{
    public const string Suffix = ".spill.json";

    [JsonProperty(JsonFields.Schema)]
    public int Schema { get; set; } = 1;

    [JsonProperty(JsonFields.Writer)]
    public string Writer { get; set; } = string.Empty;

    [JsonProperty("first_seq")]
    public long FirstSeq { get; set; }

    /// <summary>The store the rows belong in, as <see cref="RunStore.Location"/> describes it.</summary>
    [JsonProperty("store")]
    public string Store { get; set; } = string.Empty;

    [JsonProperty("spilled_at")]
    public DateTimeOffset SpilledAt { get; set; }

    [JsonProperty(JsonFields.Run)]
    public RunMetadataFile? Run { get; set; }

    public static string PathIn(StoreLayout layout, string runId, string writerId) => Path.Combine(layout.RunDirectory(runId), writerId + Suffix);
}
