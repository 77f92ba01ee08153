namespace Wandb.Interop.TransactionLog;

/// <summary>How a chunk relates to its record: a whole record, or its first, a middle or its last piece.</summary>
internal enum ChunkType : byte
{
    /// <summary>The whole record.</summary>
    Full = 1,

    /// <summary>The first piece of a record that continues in the next block.</summary>
    First = 2,

    /// <summary>A piece that fills a whole block between the first and the last.</summary>
    Middle = 3,

    /// <summary>The last piece of a record.</summary>
    Last = 4,
}
