using System.Diagnostics;
using System.Text;

namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs a process with a clean environment and a timeout. Variables that the test host inherits from
/// `dotnet test` (MSBuild, VSTest, WANDB_*, CI) are removed so every child behaves as on a user's machine.
/// </summary>
public static class ProcessRunner
{
    private static readonly string[] RemovedPrefixes = { "MSBUILD", "VSTEST", "WANDB_", "GITHUB_", "TF_BUILD", "BUILD_", "SYSTEM_", "CI_", "TESTINGPLATFORM" };

    private static readonly string[] RemovedNames = { "CI", "GITLAB_CI", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH" };

    public static ProcessResult Run(string fileName, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (RemovedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
                || RemovedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (environment is not null)
        {
            foreach (var pair in environment)
            {
                if (pair.Value is null)
                {
                    start.Environment.Remove(pair.Key);
                }
                else
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!process.WaitForExit((int)limit.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{fileName} {arguments}` in {workingDirectory} did not finish within {limit.TotalSeconds:0} s.\n{stdout}{stderr}");
        }

        process.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return new ProcessResult($"{fileName} {arguments}", process.ExitCode, stdout.ToString(), stderr.ToString(), watch.Elapsed);
            }
        }
    }

    public static ProcessResult DotNet(string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        Run("dotnet", arguments, workingDirectory, environment, timeout);
}
