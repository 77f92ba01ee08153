using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Merge;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Gates;
using Wandb.Settings;

namespace Wandb.Build.Tasks.Gates;

/// <summary>
/// Writes a group's statistics to a baseline file that a repository commits, so CI needs no store history. Run
/// through the <c>WandbSaveBaseline</c> target: <c>dotnet build -t:WandbSaveBaseline [-p:WandbBaselineGroup=G]
/// [-p:WandbBaselineFile=PATH]</c>. The store is the build's, the project the one the tracked targets record.
/// </summary>
public sealed class WandbWriteBaseline : Microsoft.Build.Utilities.Task
{
    /// <summary>The MSBuild project's name: the runs' project unless <see cref="Project"/> or <c>WANDB_PROJECT</c> is set.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project's folder: the store is found from it, and a relative file path starts here.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary><c>WandbProject</c>.</summary>
    public string? Project { get; set; }

    /// <summary><c>WandbBaselineGroup</c>: the group to save; default the project's latest group.</summary>
    public string? Group { get; set; }

    /// <summary><c>WandbBaselineFile</c>: where to write; default <c>wandb-baseline.json</c> beside the project.</summary>
    public string? File { get; set; }

    /// <summary><c>WandbDir</c>: the store folder; wins over <c>WANDB_DIR</c>.</summary>
    public string? Dir { get; set; }

    /// <summary><c>WandbStore</c>: a PostgreSQL connection string; wins over <c>WANDB_STORE</c>. Never logged.</summary>
    public string? Store { get; set; }

    /// <summary>The file written.</summary>
    [Output]
    public string WrittenFile { get; set; } = string.Empty;

    internal IEnvironmentVariables Environment { get; set; } = ProcessEnvironmentVariables.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        var output = new MergeTaskOutput(Log);
        var path = Path.GetFullPath(Path.Combine(ProjectDirectory, NonEmpty(File) ?? BaselineFile.DefaultName));
        var project = NonEmpty(Project) ?? NonEmpty(Environment.Get(WandbVariables.Project)) ?? ProjectName;
        try
        {
            var store = GateStore.Open(Dir, Store, ProjectDirectory, Environment, output);
            var baseline = QualityGate.SaveBaseline(store, project, NonEmpty(Group), path);
            WrittenFile = path;
            var metrics = baseline.JobTypes.Sum(p => p.Value.Count);
            Log.LogMessage(MessageImportance.High, $"wandb: baseline of group {baseline.Group} (project {project}, {baseline.JobTypes.Count} job types, {metrics} metrics) written to {path}");
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Log.LogError(subcategory: "wandb", errorCode: WarningCodes.BaselineNotSaved, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: $"The baseline file {path} was not written: {ex.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
