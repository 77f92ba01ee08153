using System.Text;
using Wandb.Diagnostics;
using Wandb.Environment;

namespace Wandb.Reports.Ci;

/// <summary>
/// Publishes a Markdown summary to the CI job page: appended to <c>GITHUB_STEP_SUMMARY</c> on GitHub
/// Actions, uploaded with <c>##vso[task.uploadsummary]</c> on Azure DevOps. Several test projects may
/// finish at once, so the GitHub append holds an exclusive lock on a side file while it writes.
/// </summary>
internal static class CiJobSummary
{
    /// <summary>GitHub drops a step summary larger than 1 MiB entirely; stay below with room for others.</summary>
    public const int MaxBytes = 1_000_000;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Publishes <paramref name="markdownPath"/> to <paramref name="page"/>; returns a line to print (the Azure command) or null.</summary>
    public static string? Publish(CiJobPage page, string markdownPath, IWandbOutput output)
    {
        if (page.StepSummaryFile is { } github)
        {
            AppendToGitHub(github, markdownPath, output);
            return null;
        }

        return "##vso[task.uploadsummary]" + markdownPath;
    }

    private static void AppendToGitHub(string summaryPath, string markdownPath, IWandbOutput output)
    {
        try
        {
            var text = File.ReadAllText(markdownPath);
            var bytes = Encoding.UTF8.GetBytes("\n" + text + "\n");

            // The lock file lives in the temp folder, not next to the runner's summary file.
            using var gate = CrossProcessLock.Acquire(Path.GetTempPath(), "wandb-step-summary", Path.GetFullPath(summaryPath), LockTimeout);
            var existing = File.Exists(summaryPath) ? new FileInfo(summaryPath).Length : 0;
            if (existing + bytes.Length > MaxBytes)
            {
                bytes = Encoding.UTF8.GetBytes("\n> Wandb summary omitted: the job summary would exceed GitHub's 1 MiB limit. See the report artifact.\n");
            }

            using var stream = new FileStream(summaryPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(bytes, 0, bytes.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
        {
            output.Warning(WarningCodes.StepSummaryNotAppended, $"Could not append the summary to GITHUB_STEP_SUMMARY ({summaryPath}): {ex.Message}");
        }
    }
}
