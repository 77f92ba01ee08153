using System.Diagnostics;
using System.Globalization;

namespace Wandb.Benchmarks.Reliability;

/// <summary>
/// The benchmark's own executable as a training process to kill: <c>reliability-writer &lt;rows per second&gt;</c>
/// opens a run from the WANDB_* variables it inherits, prints <c>ready</c> and logs at that rate until killed.
/// </summary>
internal static class KilledWriter
{
    public const string Verb = "reliability-writer";

    public static int Run(string[] args)
    {
        var rate = int.Parse(args[0], CultureInfo.InvariantCulture);
        var run = Wandb.Run.Init();
        Console.WriteLine("ready");
        Console.Out.Flush();
        var clock = Stopwatch.StartNew();
        var row = new Dictionary<string, double> { ["loss"] = 0 };
        for (long logged = 0; ; logged++)
        {
            while (logged >= (long)(clock.Elapsed.TotalSeconds * rate))
            {
                Thread.Sleep(1);
            }

            row["loss"] = 1.0 / (logged + 1);
            run.Log(row);
        }
    }

    /// <summary>Starts a writer with the given variables (every other WANDB_* variable removed).</summary>
    public static Process Start(int rowsPerSecond, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(KilledWriter).Assembly.Location, Verb, rowsPerSecond.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("WANDB_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["WANDB_DISABLE_GIT"] = "true";
        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        if (process.StandardOutput.ReadLine() != "ready")
        {
            throw new InvalidOperationException("The writer process did not start.");
        }

        return process;
    }
}
