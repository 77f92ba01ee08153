namespace Wandb.Storage.Folder;

/// <summary>
/// File names of the folder store (format version 1, documented in docs/store-format.md):
/// <c>runs/&lt;id&gt;/run.json</c>, and per writing process <c>&lt;writer&gt;.state.json</c> and
/// <c>&lt;writer&gt;.history.jsonl</c>. One file per writer is what lets several processes attached to
/// one run append without locks and without corrupting each other. Runs recorded in bulk (the test
/// logger's) are lines of <c>batches/&lt;writer&gt;.runs.jsonl</c> instead of folders.
/// </summary>
internal sealed class StoreLayout
{
    public const int FormatVersion = 1;
    public const string RunsFolder = "runs";
    public const string MetadataFile = "run.json";
    public const string StateSuffix = ".state.json";
    public const string HistorySuffix = ".history.jsonl";
    public const string BatchesFolder = "batches";
    public const string BatchSuffix = ".runs.jsonl";
    public const string GitIgnoreFile = ".gitignore";

    /// <summary>Where retention moves run folders before deleting them.</summary>
    public const string DeletingFolder = ".deleting";

    public StoreLayout(string root) => Root = root;

    public string Root { get; }

    public string GitIgnorePath => Path.Combine(Root, GitIgnoreFile);

    public string RunsDirectory => Path.Combine(Root, RunsFolder);

    public string BatchesDirectory => Path.Combine(Root, BatchesFolder);

    public string BatchPath(string writerId) => Path.Combine(BatchesDirectory, writerId + BatchSuffix);

    public string RunDirectory(string runId) => Path.Combine(RunsDirectory, runId);

    public string MetadataPath(string runId) => Path.Combine(RunDirectory(runId), MetadataFile);

    public string StatePath(string runId, string writerId) => Path.Combine(RunDirectory(runId), writerId + StateSuffix);

    public string HistoryPath(string runId, string writerId) => Path.Combine(RunDirectory(runId), writerId + HistorySuffix);
}
