namespace Wandb.Diagnostics;

/// <summary>
/// Codes of the warnings Wandb for .NET prints. Every code is listed with what to do about it in
/// docs/warnings.md; ranges: 001-029 SDK and store, 030-049 MSBuild, 050-069 test logger,
/// 070-089 PostgreSQL store, 090-099 reports.
/// </summary>
internal static class WarningCodes
{
    /// <summary>The store cannot be written; the run continues in memory.</summary>
    public const string StoreNotWritable = "WANDB001";

    /// <summary>The in-memory buffer of an unwritable run is full; the oldest rows are dropped.</summary>
    public const string MemoryBufferFull = "WANDB002";

    /// <summary>A history line could not be read (for example torn by a crash) and was skipped.</summary>
    public const string UnreadableHistoryLine = "WANDB003";

    /// <summary>A row was logged with a step lower than the current one and was ignored.</summary>
    public const string StepWentBackwards = "WANDB004";

    /// <summary>A mode that syncs to a server was requested; runs are recorded offline.</summary>
    public const string OnlineModeNotSupported = "WANDB005";

    /// <summary>A run or writer file could not be read and was skipped.</summary>
    public const string UnreadableRunFile = "WANDB006";

    /// <summary>The store became writable again; buffered rows were written.</summary>
    public const string StoreRecovered = "WANDB007";
}
