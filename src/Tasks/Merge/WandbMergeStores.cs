using Microsoft.Build.Framework;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Storage.Merging;

namespace Wandb.Build.Tasks.Merge;

/// <summary>
/// Merges folder stores (CI job artifacts) into one folder store or into the PostgreSQL store, then writes
/// one grouped report. Run through the <c>WandbMerge</c> target: <c>dotnet build -t:WandbMerge -p:WandbMergeFrom=...</c>.
/// </summary>
public sealed class WandbMergeStores : Microsoft.Build.Utilities.Task
{
    /// <summary>Folder stores, or folders holding them (for example a folder of downloaded CI artifacts).</summary>
    [Required]
    public string[] From { get; set; } = Array.Empty<string>();

    /// <summary>A folder or a PostgreSQL connection string; empty for <c>WANDB_STORE</c>, else the default folder store.</summary>
    public string? To { get; set; }

    /// <summary>Folder that relative paths start from; the project folder.</summary>
    [Required]
    public string BaseDirectory { get; set; } = string.Empty;

    /// <summary>Whether to write the grouped report afterwards.</summary>
    public bool Report { get; set; } = true;

    /// <summary>Where the report goes; default <c>&lt;store&gt;/report</c>.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>The HTML report, when written.</summary>
    [Output]
    public string? ReportHtml { get; set; }

    /// <summary>Runs that conflicted (one id, different runs) and were reported, not merged.</summary>
    [Output]
    public int Conflicts { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var output = new MergeTaskOutput(Log);
        try
        {
            var outcome = MergeCommand.Run(
                new MergeRequest { From = From, To = To, BaseDirectory = BaseDirectory, Report = Report, ReportDirectory = ReportDirectory },
                ProcessEnvironmentVariables.Instance,
                output);
            ReportHtml = outcome.Report?.HtmlPath;
            Conflicts = outcome.Result.Conflicts.Count;
        }
        catch (Exception ex) when (ex is ArgumentException or DirectoryNotFoundException)
        {
            Log.LogError(subcategory: null, errorCode: WarningCodes.MergeInvalidInput, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Log.LogError(subcategory: null, errorCode: WarningCodes.MergeFailed, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: $"Merging stopped: {ex.Message} Runs merged before the failure are kept; run the merge again to finish (it adds nothing twice).");
        }

        return !Log.HasLoggedErrors;
    }
}
