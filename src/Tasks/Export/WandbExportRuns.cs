using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Merge;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Interop.Export;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Export;

/// <summary>
/// Exports the runs of the store as W&amp;B offline runs for <c>wandb sync</c>. Run through the <c>WandbExport</c>
/// target: <c>dotnet build -t:WandbExport -p:WandbExportDir=DIR</c>. The store is the one the build writes to:
/// <c>WandbStore</c> / <c>WANDB_STORE</c>, else <c>WandbDir</c> / <c>WANDB_DIR</c>, else the repository's <c>wandb</c> folder.
/// </summary>
public sealed class WandbExportRuns : Microsoft.Build.Utilities.Task
{
    /// <summary><c>WandbExportDir</c>: the folder that receives one <c>offline-run-*</c> folder per run.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Folder that relative paths start from; the project folder.</summary>
    [Required]
    public string BaseDirectory { get; set; } = string.Empty;

    /// <summary><c>WandbDir</c>: the store folder; wins over <c>WANDB_DIR</c>.</summary>
    public string? Dir { get; set; }

    /// <summary><c>WandbStore</c>: a PostgreSQL connection string; wins over <c>WANDB_STORE</c>. Never logged.</summary>
    public string? Store { get; set; }

    /// <summary><c>WandbExportProject</c>: only runs of this project.</summary>
    public string? Project { get; set; }

    /// <summary><c>WandbExportGroups</c>: only runs of these groups.</summary>
    public string[] Groups { get; set; } = Array.Empty<string>();

    /// <summary><c>WandbExportEntity</c>: the W&amp;B entity written into each run.</summary>
    public string? Entity { get; set; }

    /// <summary>Runs exported.</summary>
    [Output]
    public int Runs { get; set; }

    internal IEnvironmentVariables Environment { get; set; } = ProcessEnvironmentVariables.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        var output = new MergeTaskOutput(Log);
        try
        {
            var folder = StoreLocator.Resolve(NonEmpty(Dir) ?? Environment.Get(WandbVariables.Dir), BaseDirectory);
            var store = NonEmpty(Store) is { } connection
                ? StoreFactory.Open(connection, folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance, "WandbStore")
                : StoreFactory.Open(Environment.Get(WandbVariables.Store), folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);
            var options = new WandbExportOptions
            {
                OutputDirectory = Path.GetFullPath(Path.Combine(BaseDirectory, OutputDirectory)),
                Project = NonEmpty(Project),
                Groups = Groups.Select(NonEmpty).OfType<string>().ToList(),
                Entity = NonEmpty(Entity),
            };
            Runs = WandbExporter.Export(store, options, output).Runs;
        }
        catch (ArgumentException ex)
        {
            LogError(WarningCodes.WandbInvalidInput, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogError(WarningCodes.WandbInteropFailed, $"The export stopped: {ex.Message} Runs written before the failure are complete; run the export again to write the rest.");
        }

        return !Log.HasLoggedErrors;
    }

    private void LogError(string code, string message) =>
        Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
