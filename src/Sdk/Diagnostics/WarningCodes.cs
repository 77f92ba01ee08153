namespace Wandb.Diagnostics;

/// <summary>
/// Codes of the warnings Wandb for .NET prints. Every code is listed with what to do about it in
/// docs/warnings.md; ranges: 001-029 SDK and store, 030-049 MSBuild, 050-069 test logger,
/// 070-089 PostgreSQL store, 090-099 reports, 120-129 W&amp;B interop.
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

    /// <summary>A line of a batch file could not be read (for example torn by a crash) and was skipped.</summary>
    public const string UnreadableBatchLine = "WANDB008";

    /// <summary>The report could not be refreshed when a program that no build or test run owns ended; its runs are recorded.</summary>
    public const string ReportsNotRefreshed = "WANDB009";

    /// <summary>The PostgreSQL store could not be reached when a run opened; the run starts anyway.</summary>
    public const string PostgresUnreachableAtStart = "WANDB070";

    /// <summary>The PostgreSQL store stayed unreachable; a writer spilled the rest of its run to the local folder store.</summary>
    public const string PostgresSpilled = "WANDB071";

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

    /// <summary>A W&amp;B transaction log ends inside a record (a torn last block); the records before it were imported.</summary>
    public const string WandbLogTorn = "WANDB120";

    /// <summary>A W&amp;B transaction log was rejected (checksum mismatch, not a log, no run record); nothing of it was imported.</summary>
    public const string WandbLogRejected = "WANDB121";

    /// <summary>An imported W&amp;B run has the id of a different run in the store; the store's run was kept.</summary>
    public const string WandbRunConflict = "WANDB122";

    /// <summary>History values of an imported W&amp;B run that are not numbers (media, strings, booleans) were left out.</summary>
    public const string WandbValuesNotNumbers = "WANDB123";

    /// <summary>A folder given to import holds no W&amp;B run.</summary>
    public const string WandbNothingToImport = "WANDB124";

    /// <summary>The paths or folders given to export or import are not usable (an error: nothing ran).</summary>
    public const string WandbInvalidInput = "WANDB125";

    /// <summary>An export or import stopped because a file or the store could not be written (an error; what was done stays).</summary>
    public const string WandbInteropFailed = "WANDB126";
}
