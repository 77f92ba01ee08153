using System.Runtime.InteropServices;
using Wandb.Runs;

namespace Wandb.Environment;

/// <summary>Collects <see cref="SystemInfo"/> for a new run.</summary>
internal static class SystemInfoCollector
{
    public static SystemInfo Collect(IEnvironmentVariables env, string currentDirectory, bool disableGit) =>
        Collect(env, disableGit ? null : GitStateCache.Process.Begin(currentDirectory).GetAwaiter().GetResult());

    /// <param name="env">Where the CI provider is detected from.</param>
    /// <param name="git">The working copy's state, from <see cref="GitStateCache"/>; null outside a repository or when git is disabled.</param>
    public static SystemInfo Collect(IEnvironmentVariables env, GitState? git)
    {
        var ci = CiDetector.Detect(env);
        return new SystemInfo
        {
            Host = SafeHostName(),
            Os = RuntimeInformation.OSDescription,
            DotNet = RuntimeInformation.FrameworkDescription,
            Pid = CurrentProcess.Id,
            GitCommit = git?.Commit,
            GitBranch = git?.Branch,
            GitDirty = git?.Dirty,
            CiProvider = ci?.Provider,
            CiRunId = ci?.RunId,
        };
    }

    public static string SafeHostName()
    {
        try
        {
            return System.Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }
}
