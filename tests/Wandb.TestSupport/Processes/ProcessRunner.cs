using System.Diagnostics;
using System.Text;

namespace Wandb.TestSupport;

/// <summary>
/// Starts the processes of the tests and benchmarks (`dotnet build`, `dotnet test`, `dotnet pack`, writer
/// programs, scripts) in the <see cref="ChildEnvironment"/>, with their output redirected.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs a process to its end, or kills it with its children after <paramref name="timeout"/> (default 5 minutes).</summary>
    /// <exception cref="TimeoutException">The process did not finish in time; the message holds its output so far.</exception>
    public static ProcessResult Run(string fileName, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = StartInfo(fileName, workingDirectory, environment);
        start.Arguments = arguments;

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

    /// <summary>Starts a process the caller waits for, reads and may kill (writer processes running beside the test).</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = StartInfo(fileName, workingDirectory: null, environment);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"`{fileName}` did not start.");
    }

    private static ProcessStartInfo StartInfo(string fileName, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        ChildEnvironment.Apply(start, environment);
        return start;
    }
}
