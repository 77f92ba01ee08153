using System.Runtime.InteropServices;
using Wandb.Runs;

namespace Wandb.Environment;

/// <summary>Collects <see cref="SystemInfo"/> for a new run.</summary>
internal static class SystemInfoCollector
{
    public static SystemInfo Collect(IEnvironmentVariables env, string currentDirectory, bool disableGit)
    {
        var ci = CiDetector.Detect(env);
        var git = disableGit ? null : GitReader.Read(currentDirectory, includeDirty: true);
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
