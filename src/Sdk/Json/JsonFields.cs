namespace Wandb.Json;

/// <summary>
/// The field names of the JSON the SDK writes and reads: the store's documents and history lines
/// (docs/store-format.md), runs.json (docs/reports.md) and the page data of the HTML report
/// (docs/html-report.md). A name that several writers, or a writer and its reader, spell is defined here
/// once, so the documents cannot drift apart; a name that only one writer uses stays beside that writer.
/// </summary>
internal static class JsonFields
{
    /// <summary>The format version every document starts with.</summary>
    public const string Schema = "schema";

    // A run: run.json, a batch line, runs.json and the page's runs.
    public const string Id = "id";
    public const string Name = "name";
    public const string Project = "project";
    public const string Group = "group";
    public const string JobType = "job_type";
    public const string Tags = "tags";
    public const string Notes = "notes";
    public const string CreatedAt = "created_at";
    public const string State = "state";
    public const string ExitCode = "exit_code";
    public const string FinishedAt = "finished_at";
    public const string Duration = "duration";
    public const string Config = "config";
    public const string Summary = "summary";
    public const string Error = "error";

    // Where a run was recorded (run.json's "system") and which process wrote to it (a writer state).
    public const string SystemInfo = "system";
    public const string Host = "host";
    public const string Os = "os";
    public const string DotNet = "dotnet";
    public const string Pid = "pid";
    public const string GitCommit = "git_commit";
    public const string GitBranch = "git_branch";
    public const string GitDirty = "git_dirty";
    public const string CiProvider = "ci_provider";
    public const string CiRunId = "ci_run_id";

    // A writer state (<writer>.state.json, the "state" of a batch line).
    public const string Writer = "writer";
    public const string ProcessStartedAt = "process_started_at";
    public const string StartedAt = "started_at";
    public const string UpdatedAt = "updated_at";
    public const string Rows = "rows";
    public const string LastStep = "last_step";
    public const string Last = "last";
    public const string DroppedRows = "dropped_rows";

    /// <summary>The run.json half of a batch line; the other half is <see cref="State"/>.</summary>
    public const string Run = "run";

    // A history line: W&B's names for the step, the seconds since the writer attached and the Unix time.
    public const string Step = "_step";
    public const string Runtime = "_runtime";
    public const string Timestamp = "_timestamp";

    // The reports: when they were written, their runs, and the statistics of a group that runs.json and
    // the page's comparisons both give.
    public const string GeneratedAt = "generated_at";
    public const string Runs = "runs";
    public const string N = "n";
    public const string Mean = "mean";
    public const string Std = "std";
}
