using System.Diagnostics;
using System.Globalization;

namespace Wandb.Benchmarks.Harness;

/// <summary>Prints figures in a uniform way and offers the medians the machine's noise calls for.</summary>
public sealed class BenchmarkReport
{
    private readonly TextWriter _out;

    public BenchmarkReport(TextWriter output) => _out = output;

    public void Line(string text) => _out.WriteLine(text);

    public void Figure(string name, double value, string unit) =>
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-58} {value,14:N2} {unit}"));

    public void Ratio(string name, double ratio, string target, bool met) =>
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-58} {ratio,14:N3}    target {target}: {(met ? "met" : "NOT met")}"));

    /// <summary>Runs <paramref name="action"/> <paramref name="repetitions"/> times and returns the median seconds.</summary>
    public static double MedianSeconds(int repetitions, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        return Median(times);
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static readonly List<string> Created = new();

    public static string TempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "wandb-bench", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(path);
        lock (Created)
        {
            Created.Add(path);
        }

        return path;
    }

    /// <summary>
    /// Deletes the folders <see cref="TempDirectory"/> made, unless <c>WANDB_BENCH_KEEP</c> is set: the scale benchmarks
    /// generate stores of 100,000 runs and copy them per build, tens of gigabytes a run, which filled this machine's disk.
    /// </summary>
    public void DeleteTempDirectories()
    {
        if (System.Environment.GetEnvironmentVariable("WANDB_BENCH_KEEP") is { Length: > 0 })
        {
            return;
        }

        string[] paths;
        lock (Created)
        {
            paths = Created.ToArray();
            Created.Clear();
        }

        // A folder made inside another made one is gone with it.
        foreach (var path in paths.Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Line($"  (could not delete {path}: {ex.Message})");
            }
        }
    }
}
