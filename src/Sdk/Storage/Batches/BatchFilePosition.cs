using Wandb.Storage.Index;

namespace Wandb.Storage.Batches;

/// <summary>How much of one batch file a reader has taken in: whole lines only, so a line being appended is read once it is complete.</summary>
internal readonly record struct BatchFilePosition(long Bytes, long Lines)
{
    /// <summary>
    /// Whether the file at <paramref name="path"/> is exactly as long as the part taken in, so reading its tail would find
    /// nothing new: told from its length, without opening it. False when its length cannot be told.
    /// </summary>
    public bool TookInAllOf(string path) => FileIdentity.Of(path)?.Length == Bytes;
}
