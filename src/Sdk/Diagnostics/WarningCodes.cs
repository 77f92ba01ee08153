namespace Wandb.Diagnostics;

/// <summary>
/// The codes of every warning and error Wandb for .NET reports: the SDK, the ML.NET helpers, the MSBuild
/// tasks, the test logger and the interop engines all take theirs from here, and the MSBuild files that
/// write a code themselves (<c>build/*.targets</c>) use one of these. Each code is listed with what to do
/// about it in docs/warnings.md, and a test keeps this table, that page and every code written in src/
/// in step. Ranges: 001-029 SDK and store (020-029 ML.NET), 030-049 MSBuild, 050-069 test logger,
/// 070-089 PostgreSQL store and merging, 090-099 reports, 120-129 W&amp;B interop, 200-219 the quality gate.
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

    /// <summary>The run's ML.NET output log cannot be written; ML.NET messages are no longer copied to it.</summary>
    public const string OutputLogNotWritable = "WANDB020";

    /// <summary>A tracked target could not get a run (bad setting, store failure); the target runs untracked.</summary>
    public const string TrackedRunNotStarted = "WANDB030";

    /// <summary>WandbTrackedTargets lists more targets than there are hook slots; the rest run untracked (written by the slots' .targets).</summary>
    public const string TooManyTrackedTargets = "WANDB031";

    /// <summary>A property named in WandbConfigProperties is not a global property, so the task cannot read it.</summary>
    public const string ConfigPropertyNotReadable = "WANDB032";

    /// <summary>A WandbConfig item has no Value metadata.</summary>
    public const string ConfigItemWithoutValue = "WANDB033";

    /// <summary>The run of a tracked target could not be finished (not found, or the store failed).</summary>
    public const string TrackedRunNotFinished = "WANDB034";

    /// <summary>The reports could not be refreshed at the end of the build.</summary>
    public const string BuildReportsNotWritten = "WANDB035";

    /// <summary>The per-build id could not be obtained; the group falls back to one per project.</summary>
    public const string BuildIdUnavailable = "WANDB036";

    /// <summary>A report setting of the build (<c>WandbMaxDetailRuns</c>) has an invalid value; the reports use its default.</summary>
    public const string ReportSettingInvalid = "WANDB037";

    /// <summary>A test result could not be recorded in the store.</summary>
    public const string TestResultNotRecorded = "WANDB050";

    /// <summary>The test logger was given a parameter it does not know.</summary>
    public const string UnknownLoggerParameter = "WANDB051";

    /// <summary>A test logger parameter has an invalid value; the logger is off for this run.</summary>
    public const string InvalidLoggerParameter = "WANDB052";

    /// <summary>The test logger could not open the store; nothing is recorded for this test run.</summary>
    public const string LoggerStoreUnavailable = "WANDB053";

    /// <summary>The reports could not be refreshed at the end of the test run.</summary>
    public const string TestReportsNotWritten = "WANDB054";

    /// <summary>Recording did not finish in time at the end of the test run; the rest was abandoned.</summary>
    public const string TestRecordingTimedOut = "WANDB055";

    /// <summary>A data-driven test called a plain <c>Run.Init()</c> and its data row cannot be known, so that test gets a second run.</summary>
    public const string DataRowNotIdentified = "WANDB056";

    /// <summary>A logger parameter (or its variable) has a value the logger does not know; its default is used.</summary>
    public const string UnknownLoggerParameterValue = "WANDB057";

    /// <summary>A test project runs on Microsoft.Testing.Platform 1.x, so the reporter extension (built for 2.x) is left out and the project builds as before.</summary>
    public const string TestingPlatformTooOld = "WANDB058";

    /// <summary>The report could not be refreshed when a program that no build or test run owns ended; its runs are recorded.</summary>
    public const string ReportsNotRefreshed = "WANDB011";

    /// <summary>The folder store's run index cannot be written; listings read every run's files instead.</summary>
    public const string RunIndexNotWritten = "WANDB012";

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

    /// <summary>The folders or destination given to the merge are not usable (an error: the merge did not run; also written by Wandb.Merge.targets).</summary>
    public const string MergeInvalidInput = "WANDB083";

    /// <summary>The merge destination could not be written (an error: the merge stopped; what was merged stays).</summary>
    public const string MergeFailed = "WANDB084";

    /// <summary>The Markdown summary could not be appended to the CI job summary (GITHUB_STEP_SUMMARY).</summary>
    public const string StepSummaryNotAppended = "WANDB090";

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

    /// <summary>The paths or folders given to export or import are not usable (an error: nothing ran; also written by Wandb.Export.targets).</summary>
    public const string WandbInvalidInput = "WANDB125";

    /// <summary>An export or import stopped because a file or the store could not be written (an error; what was done stays).</summary>
    public const string WandbInteropFailed = "WANDB126";

    /// <summary><c>dotnet wandb ui</c> cannot read its store for now; the page keeps the last data and the store is tried again.</summary>
    public const string LiveStoreUnreadable = "WANDB130";

    /// <summary>Retention could not delete a run it selected (a file in use, no permission, the server unreachable); the run stays and the next refresh tries again.</summary>
    public const string RetentionDeleteFailed = "WANDB131";

    /// <summary>A <c>WandbRetention...</c> property has an invalid value; no runs are deleted by this build, which is tracked as usual.</summary>
    public const string RetentionSettingInvalid = "WANDB132";

    /// <summary>A gate rule's metric regressed against the baseline beyond its tolerance, significantly (an error; a warning with WandbGateMode=warn).</summary>
    public const string GateRegressed = "WANDB200";

    /// <summary>A gate rule's group mean is below its Min (an error; a warning with WandbGateMode=warn).</summary>
    public const string GateBelowMin = "WANDB201";

    /// <summary>A gate rule's group mean is above its Max (an error; a warning with WandbGateMode=warn).</summary>
    public const string GateAboveMax = "WANDB202";

    /// <summary>The gate found no baseline for a rule (an error with WandbGateRequireBaseline=true).</summary>
    public const string GateNoBaseline = "WANDB203";

    /// <summary>A side of a gate comparison has fewer than two runs: the means were compared with the tolerance only.</summary>
    public const string GateInsufficientData = "WANDB204";

    /// <summary>A WandbGate item or a gate property has a value the gate cannot use (an error).</summary>
    public const string GateRuleInvalid = "WANDB205";

    /// <summary>The baseline file cannot be read or is not a baseline file this version reads (an error).</summary>
    public const string BaselineFileInvalid = "WANDB206";

    /// <summary>The gate could not read the store; its rules were not evaluated.</summary>
    public const string GateNotEvaluated = "WANDB207";

    /// <summary>WandbSaveBaseline could not write the baseline file (an error: no group to save, or the file cannot be written).</summary>
    public const string BaselineNotSaved = "WANDB208";
}
