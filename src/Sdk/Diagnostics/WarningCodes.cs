namespace Wandb.Diagnostics;

/// <summary>
/// Codes of the warnings Wandb for .NET prints. Every code is listed with what to do about it in
/// docs/warnings.md; ranges: 001-029 SDK and store, 030-049 MSBuild, 050-069 test logger,
/// 070-089 PostgreSQL store, 090-099 reports.
/// </summary>
internal static class WarningCodes
{
    /// <summary>The store cannot be written or does not take rows; the run goes on, its rows kept in memory or in the spill folder.</summary>
    public const string StoreNotWritable = "WANDB001";

    /// <summary>The in-memory buffer of an unwritable run is full and the fallback folder cannot be written either; the oldest rows are dropped.</summary>
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

    /// <summary>A line of a batch file could not be read (for example torn by a crash) and was skipped.</summary>
    public const string UnreadableBatchLine = "WANDB008";

    /// <summary>The store stayed unwritable; the rest of a writer went to the fallback folder, to be merged back.</summary>
    public const string FallbackUsed = "WANDB009";

    /// <summary>Rows that neither the store nor the fallback folder could take were dropped; the final count.</summary>
    public const string RowsLost = "WANDB010";

    /// <summary>The PostgreSQL store could not be reached when a run opened; the run starts anyway.</summary>
    public const string PostgresUnreachableAtStart = "WANDB070";

    /// <summary>A PostgreSQL writer ended with rows (or its final state) the server had not taken; they wait in the spill folder for a push.</summary>
    public const string PostgresSpilled = "WANDB071";

    /// <summary>The spill folder cannot be written; a PostgreSQL writer keeps the rows the server lacks in memory only.</summary>
    public const string SpillFolderNotWritable = "WANDB072";

    /// <summary>Merging stores found one run id with different runs behind it; the destination's run was kept.</summary>
    public const string MergeRunConflict = "WANDB080";

    /// <summary>Merging stores found one writer of a run with different content; the destination's was kept.</summary>
    public const string MergeWriterConflict = "WANDB081";

    /// <summary>A folder given to merge holds no run store.</summary>
    public const string MergeSourceEmpty = "WANDB082";

    /// <summary>The folders or destination given to the merge are not usable (an error: the merge did not run).</summary>
    public const string MergeInvalidInput = "WANDB083";

    /// <summary>The merge destination could not be written (an error: the merge stopped; what was merged stays).</summary>
    public const string MergeFailed = "WANDB084";
}
