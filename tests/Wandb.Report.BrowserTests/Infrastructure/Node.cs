using System.Diagnostics;

namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>Runs Node.js (the one the Wandb.Sdk build uses to bundle the page) in the page's source folder.</summary>
public static class Node
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.ReportWeb, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node " + string.Join(' ', arguments) + " did not finish within 2 minutes.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
