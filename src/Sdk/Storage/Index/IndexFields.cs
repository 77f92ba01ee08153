using Wandb.Json;

namespace Wandb.Storage.Index;

/// <summary>The field names of the run index snapshot (docs/store-format.md, "The run index"); run and writer documents inside keep their own.</summary>
internal static class IndexFields
{
    public const string Format = "format";
    public const string Version = "version";
    public const string Runs = JsonFields.Runs;
    public const string Batches = "batches";
    public const string Bytes = "bytes";
    public const string Lines = "lines";
    public const string Id = JsonFields.Id;
    public const string Folder = "folder";
    public const string Live = "live";
    public const string Run = JsonFields.Run;
    public const string Writers = "writers";
    public const string Batch = "batch";
    public const string Segment = "segment";
    public const string Generation = "generation";
}
