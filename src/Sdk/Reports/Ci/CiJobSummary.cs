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

    /// <summary>Publishes <paramref name="markdownPath"/>; returns a line to print (the Azure command) or null.</summary>
    public static string? Publish(string markdownPath, IEnvironmentVariables env, IWandbOutput output)
    {
        var github = env.Get("GITHUB_STEP_SUMMARY");
        if (github is not null)
        {
            AppendToGitHub(github, markdownPath, output);
            return null;
        }

        if (env.Get("TF_BUILD") is not null || env.Get("BUILD_BUILDID") is not null)
        {
            return "##vso[task.uploadsummary]" + markdownPath;
        }

        return null;
    }

    private static void AppendToGitHub(string summaryPath, string markdownPath, IWandbOutput output)
    {
        try
        {
            var text = File.ReadAllText(markdownPath);
            var bytes = Encoding.UTF8.GetBytes("\n" + text + "\n");
            using var gate = AcquireLock(LockPathFor(summaryPath));
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
            output.Warning("WANDB090", $"Could not append the summary to GITHUB_STEP_SUMMARY ({summaryPath}): {ex.Message}");
        }
    }

    // The lock file lives in the temp folder, not next to the runner's summary file, and is never deleted:
    // deleting it on close would let two waiters lock two different files.
    private static string LockPathFor(string summaryPath)
    {
        // FNV-1a: string hash codes are randomised per process, and every process must pick the same file.
        var hash = 2166136261u;
        foreach (var c in Path.GetFullPath(summaryPath))
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Path.Combine(Path.GetTempPath(), $"wandb-step-summary-{hash:x8}.lock");
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
        }
    }
}
