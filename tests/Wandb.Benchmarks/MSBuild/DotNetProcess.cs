using System.Diagnostics;

namespace Wandb.Benchmarks.MSBuild;

/// <summary>Runs dotnet with the variables `dotnet run` leaks into children removed, so builds behave as on a user's machine.</summary>
internal static class DotNetProcess
{
    private static readonly string[] RemovedPrefixes = { "MSBUILD", "WANDB_", "GITHUB_", "TF_BUILD", "BUILD_", "CI_", "DOTNET_HOST_PATH" };

    public static void Run(string arguments, string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => RemovedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(600_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {arguments} did not finish within 10 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} exited {process.ExitCode}:\n{stdout.Result}{stderr.Result}");
        }
    }
}
