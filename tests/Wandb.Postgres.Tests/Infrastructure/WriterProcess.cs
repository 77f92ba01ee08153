using System.Diagnostics;
using System.Globalization;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>
/// A real separate process that logs rows through the public SDK, exactly as a training program would:
/// the store comes from WANDB_STORE in its environment. Arguments: run id, group, rows, and optionally rows per
/// second (as fast as it can without). It prints <c>logged N</c> every 5,000 rows, so a test knows how far it
/// got before killing it.
/// </summary>
public static class WriterProcess
{
    public const string Verb = "write";

    public static int Run(string[] args)
    {
        var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        var rate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var clock = Stopwatch.StartNew();
        using var run = Wandb.Run.Init(new RunOptions { Id = args[0], Group = args[1], JobType = "fold", Project = "pg-tests" });
        run.Config["fold"] = args[0];
        for (var i = 0; i < rows; i++)
        {
            while (rate > 0 && i >= (long)(clock.Elapsed.TotalSeconds * rate))
            {
                Thread.Sleep(1);
            }

            run.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (i + 1), ["accuracy"] = i / (double)rows });
            if ((i + 1) % 5_000 == 0)
            {
                Console.WriteLine($"logged {i + 1}");
                Console.Out.Flush();
            }
        }

        run.Finish();
        Console.WriteLine($"done {rows}");
        return 0;
    }

    /// <summary>Starts one writer process with WANDB_STORE and WANDB_DIR set; output is redirected.</summary>
    public static Process Start(string connectionString, string spillFolder, string runId, string group, int rows, int rowsPerSecond = 0) =>
        ProcessRunner.Start(
            "dotnet",
            new[] { typeof(WriterProcess).Assembly.Location, Verb, runId, group, rows.ToString(CultureInfo.InvariantCulture), rowsPerSecond.ToString(CultureInfo.InvariantCulture) },
            new Dictionary<string, string?> { ["WANDB_STORE"] = connectionString, ["WANDB_DIR"] = spillFolder, ["WANDB_DISABLE_GIT"] = "true" });

    /// <summary>Starts writers in parallel and waits for all of them; fails the test with their output if one fails.</summary>
    public static void RunAll(string connectionString, string spillFolder, IReadOnlyList<(string RunId, string Group, int Rows)> writers, TimeSpan timeout)
    {
        var processes = writers
            .Select(w => Start(connectionString, spillFolder, w.RunId, w.Group, w.Rows))
            .Select(p => (Process: p, Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync()))
            .ToList();

        var deadline = Stopwatch.StartNew();
        foreach (var (process, stdout, stderr) in processes)
        {
            var left = timeout - deadline.Elapsed;
            if (left < TimeSpan.Zero || !process.WaitForExit((int)left.TotalMilliseconds))
            {
                foreach (var (other, _, _) in processes)
                {
                    if (!other.HasExited)
                    {
                        other.Kill(entireProcessTree: true);
                    }
                }

                Assert.Fail($"A writer process did not finish within {timeout.TotalSeconds:0} s.");
            }

            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, $"A writer process failed.\nstdout: {stdout.Result}\nstderr: {stderr.Result}");
            Assert.IsFalse(stderr.Result.Contains("warning", StringComparison.Ordinal), "A writer warned: " + stderr.Result);
        }

        foreach (var (process, _, _) in processes)
        {
            process.Dispose();
        }
    }
}
