using System.Globalization;

namespace Wandb.Interop.Protocol;

/// <summary>
/// Where the W&amp;B client puts a run's transaction log: <c>offline-run-YYYYMMDD_HHMMSS-&lt;id&gt;/run-&lt;id&gt;.wandb</c>
/// under its <c>wandb</c> folder (<c>run-YYYYMMDD_HHMMSS-&lt;id&gt;</c> for runs that were online).
/// </summary>
internal static class OfflineRunLayout
{
    public const string OfflineFolderPrefix = "offline-run-";

    public const string OnlineFolderPrefix = "run-";

    public const string FileExtension = ".wandb";

    /// <summary>The run's folder; the time is the run's start in UTC (the Python client uses local time).</summary>
    public static string FolderName(DateTimeOffset startedAt, string runId) =>
        OfflineFolderPrefix + startedAt.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture) + "-" + runId;

    public static string FileName(string runId) => "run-" + runId + FileExtension;

    /// <summary>Whether a folder name is one the client gives a run folder.</summary>
    public static bool IsRunFolder(string name) =>
        name.StartsWith(OfflineFolderPrefix, StringComparison.Ordinal) || name.StartsWith(OnlineFolderPrefix, StringComparison.Ordinal);
}
