// Usage: Wandb.Sdk.TestWriter <rows> [--forever] [--metrics N] [--rate R]
// Creates or attaches to a run from the WANDB_* variables it inherits and logs <rows> rows of N metrics.
// With --forever it keeps logging after <rows> rows, printing "logged <n>" every 1,000 rows, until killed.
// With --rate it logs R rows a second, as a training loop does, instead of as fast as it can.
// With --exit N it returns exit code N without calling Finish; with --throw it ends in an unhandled exception.
using System.Globalization;
using Wandb;

var rows = int.Parse(args[0], CultureInfo.InvariantCulture);
var forever = args.Contains("--forever");
var metricsIndex = Array.IndexOf(args, "--metrics");
var metricCount = metricsIndex >= 0 ? int.Parse(args[metricsIndex + 1], CultureInfo.InvariantCulture) : 3;
var keys = Enumerable.Range(0, metricCount).Select(i => "m" + i).ToArray();
var rateIndex = Array.IndexOf(args, "--rate");
var rate = rateIndex >= 0 ? int.Parse(args[rateIndex + 1], CultureInfo.InvariantCulture) : 0;
var clock = System.Diagnostics.Stopwatch.StartNew();

var run = Run.Init();
Console.WriteLine($"run {run.Id} attached={run.IsAttached.ToString().ToLowerInvariant()} step={run.Step}");
for (long i = 0; forever || i < rows; i++)
{
    while (rate > 0 && i >= (long)(clock.Elapsed.TotalSeconds * rate))
    {
        Thread.Sleep(1);
    }

    var values = new Dictionary<string, double>(keys.Length);
    foreach (var key in keys)
    {
        values[key] = i;
    }

    run.Log(values);
    if (forever && (i + 1) % 1000 == 0)
    {
        Console.WriteLine($"logged {i + 1}");
        Console.Out.Flush();
        Thread.Sleep(1);
    }
}

run.Config["writer_pid"] = Environment.ProcessId;
var exitIndex = Array.IndexOf(args, "--exit");
if (exitIndex >= 0)
{
    Console.WriteLine("exiting without Finish");
    return int.Parse(args[exitIndex + 1], CultureInfo.InvariantCulture);
}

if (args.Contains("--throw"))
{
    throw new InvalidOperationException("training diverged");
}

run.Finish();
Console.WriteLine("done");
return 0;
