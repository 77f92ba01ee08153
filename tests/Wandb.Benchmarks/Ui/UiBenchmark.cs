using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Wandb.Benchmarks.Harness;
using Wandb.Storage;

namespace Wandb.Benchmarks.Ui;

/// <summary>
/// <c>dotnet wandb ui</c> under the loads of issue 16: a 100,000-run store opens in at most 2 s; 20 browsers
/// watching 50 runs that each log 10 rows/s cost the server at most one core, with flat memory. The server
/// runs as its own process, so its CPU time and memory are its own. Baselines from the same run: listing the
/// same store in-process, the same server started with the runtime's default JIT settings instead of the
/// tool's (src/Cli/Wandb.Cli.csproj), and the server's cost with the same watchers while nothing logs.
/// </summary>
public sealed class UiBenchmark : IBenchmark
{
    private const int Opens = 3;
    private const int Watchers = 20;
    private const int LoggingRuns = 50;
    private const int RowsPerSecond = 10;

    /// <summary>Rows each run holds before the measured logging starts: past the chart's 1,000 buckets, so the page's data has its steady size.</summary>
    private const int PrefilledRows = 1200;

    /// <summary>The runtime's defaults that the tool's runtimeconfig turns off, given back to a server process to measure what they cost.</summary>
    private static readonly IReadOnlyDictionary<string, string> RuntimeDefaults = new Dictionary<string, string>
    {
        ["DOTNET_TieredPGO"] = "1",
        ["DOTNET_TC_QuickJitForLoops"] = "1",
    };

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(60);

    public string Name => "ui";

    public string Description => "dotnet wandb ui: 100,000-run store opens <= 2 s; 20 watchers x 50 runs x 10 rows/s <= 1 core, flat memory";

    public void Run(BenchmarkReport report)
    {
        OpenLargeStore(report).GetAwaiter().GetResult();
        WatchedLogging(report).GetAwaiter().GetResult();
    }

    private static async Task OpenLargeStore(BenchmarkReport report)
    {
        var directory = BenchmarkReport.TempDirectory("ui-large");
        var empty = BenchmarkReport.TempDirectory("ui-empty");
        try
        {
            var made = Stopwatch.StartNew();
            LargeBatchStore.Write(directory);
            report.Figure($"store: {LargeBatchStore.Runs:N0} runs in {LargeBatchStore.Groups} groups, {LargeBatchStore.Writers} batch files, made in", made.Elapsed.TotalSeconds, "s");
            var list = BenchmarkReport.MedianSeconds(Opens, () => RunStore.Open(directory).ListRuns().Count());
            report.Figure($"baseline: list the store in-process (median of {Opens})", list * 1000, "ms");

            var starts = new List<double>();
            var startCpu = new List<double>();
            var defaults = new List<double>();
            var defaultsCpu = new List<double>();
            var loads = new List<double>();
            long pageBytes = 0;
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright);
            for (var i = 0; i < Opens; i++)
            {
                // The tool as shipped and with the runtime's defaults in turn, so both meet the same load of the machine.
                var shipped = await FirstPageAsync(directory, null);
                using (shipped.Server)
                {
                    pageBytes = shipped.Bytes;
                    starts.Add(shipped.Ms);
                    startCpu.Add(shipped.CpuMs);
                    loads.Add(await TimeToInteractiveAsync(browser, shipped.Server.Url));
                }

                var runtime = await FirstPageAsync(directory, RuntimeDefaults);
                runtime.Server.Dispose();
                defaults.Add(runtime.Ms);
                defaultsCpu.Add(runtime.CpuMs);
            }

            // What the settings cost a store that needs no optimized loops: the start of an empty one.
            var emptyStarts = new List<double>();
            var emptyDefaults = new List<double>();
            for (var i = 0; i < Opens; i++)
            {
                var shipped = await FirstPageAsync(empty, null);
                shipped.Server.Dispose();
                emptyStarts.Add(shipped.Ms);
                var runtime = await FirstPageAsync(empty, RuntimeDefaults);
                runtime.Server.Dispose();
                emptyDefaults.Add(runtime.Ms);
            }

            var start = BenchmarkReport.Median(starts);
            var load = BenchmarkReport.Median(loads);
            report.Figure($"ui: process start to the first page served (median of {Opens})", start, "ms");
            report.Figure("  CPU time the server spent on it, all threads (median)", BenchmarkReport.Median(startCpu), "ms");
            report.Figure("  the same with the runtime's default JIT settings (interleaved)", BenchmarkReport.Median(defaults), "ms");
            report.Figure("    CPU time (median)", BenchmarkReport.Median(defaultsCpu), "ms");
            report.Figure("  machine load average (1 min) while measured", LoadAverage(), $"on {System.Environment.ProcessorCount} cores");
            report.Figure($"an empty store: first page served (median of {Opens})", BenchmarkReport.Median(emptyStarts), $"ms; with the runtime's defaults {BenchmarkReport.Median(emptyDefaults):N0} ms");
            report.Figure("page with the data of every run", pageBytes / 1048576.0, "MiB");
            report.Figure($"ui: page opened in Chromium to interactive (median of {Opens})", load, "ms");
            report.Ratio("first page served / in-process listing", start / (list * 1000), "(info)", true);
            report.Ratio("first page served: tool's settings / runtime's defaults", start / BenchmarkReport.Median(defaults), "(info)", true);
            report.Ratio("store opens: first page served / 2 s", start / 2000, "< 1", start < 2000);
            report.Ratio("store opens: page interactive / 2 s", load / 2000, "< 1", load < 2000);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            Directory.Delete(empty, recursive: true);
        }
    }

    /// <summary>Starts a server and fetches its page: the time from starting the process to the whole page received, and the server's CPU time by then.</summary>
    private static async Task<(double Ms, double CpuMs, long Bytes, UiServerProcess Server)> FirstPageAsync(string store, IReadOnlyDictionary<string, string>? environment)
    {
        var watch = Stopwatch.StartNew();
        var server = UiServerProcess.Start(store, environment);
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { Timeout = TimeSpan.FromMinutes(2) };
            var bytes = (await http.GetByteArrayAsync(server.Url)).Length;
            return (watch.Elapsed.TotalMilliseconds, server.CpuTime.TotalMilliseconds, bytes, server);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The shared machine's load, printed beside wall times: other builds stretch them, CPU times much less.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static async Task<double> TimeToInteractiveAsync(IBrowser browser, Uri url)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
            await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            return await page.EvaluateAsync<double>("() => performance.getEntriesByName('wandb-interactive')[0].startTime");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task WatchedLogging(BenchmarkReport report)
    {
        var directory = BenchmarkReport.TempDirectory("ui-load");
        using var server = UiServerProcess.Start(directory);
        using var stop = new CancellationTokenSource();
        var fetches = 0L;
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        var watchers = Enumerable.Range(0, Watchers).Select(i => Task.Run(() => WatchAsync(server.Url, i == 0 ? latencies : null, clock, () => Interlocked.Increment(ref fetches), stop.Token))).ToList();
        try
        {
            await Task.Delay(WarmUp);
            var idle = await MeasureAsync(server, TimeSpan.FromSeconds(10), null);
            report.Figure($"baseline: server with {Watchers} watchers, nothing logging", idle.Cores, "cores");

            var runs = Enumerable.Range(0, LoggingRuns).Select(i =>
            {
                var options = new RunOptions { Dir = directory, Project = "load", Group = "load-" + (i % 5).ToString(CultureInfo.InvariantCulture), JobType = "train" };
                var run = Wandb.Run.Init(options);
                for (var step = 0; step < PrefilledRows; step++)
                {
                    run.Log(Row(i, step));
                }

                return run;
            }).ToList();
            var logging = Task.Run(() => Log(runs, clock, stop.Token));
            await Task.Delay(WarmUp);
            var fetchesBefore = Interlocked.Read(ref fetches);
            lock (latencies)
            {
                latencies.Clear();
            }

            var loaded = await MeasureAsync(server, Load, report);
            var fetched = Interlocked.Read(ref fetches) - fetchesBefore;
            stop.Cancel();
            await logging;
            foreach (var run in runs)
            {
                run.Finish();
            }

            List<double> seen;
            lock (latencies)
            {
                seen = latencies.ToList();
            }

            report.Figure($"{LoggingRuns} runs x {RowsPerSecond} rows/s, {Watchers} watchers: server CPU over {Load.TotalSeconds:0} s", loaded.Cores, "cores");
            report.Figure("data fetched by the watchers per second", fetched / Load.TotalSeconds, "/s");
            report.Figure("server memory: mean of first half / second half / highest", loaded.FirstMemory / 1048576.0, $"MiB / {loaded.LastMemory / 1048576.0:N1} MiB / {loaded.MaxMemory / 1048576.0:N1} MiB");
            report.Figure($"Log to data served: median / max of {seen.Count}", BenchmarkReport.Median(seen), $"ms / {(seen.Count == 0 ? double.NaN : seen.Max()):N0} ms");
            report.Ratio("server CPU / 1 core", loaded.Cores, "< 1", loaded.Cores < 1);
            report.Ratio("memory second half / first half (flat)", loaded.LastMemory / loaded.FirstMemory, "< 1.2", loaded.LastMemory < loaded.FirstMemory * 1.2);
            report.Ratio("Log to data served, max / 2 s", seen.Count == 0 ? double.NaN : seen.Max() / 2000, "< 1", seen.Count > 0 && seen.Max() < 2000);
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(watchers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            server.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Each run logs a row every 100 ms; run 0 also logs the benchmark clock's seconds, which a watcher reads back to time the path from Log to served data.</summary>
    private static void Log(IReadOnlyList<Wandb.Run> runs, Stopwatch clock, CancellationToken stop)
    {
        var tick = Stopwatch.StartNew();
        for (var n = 0L; !stop.IsCancellationRequested; n++)
        {
            var now = clock.Elapsed.TotalSeconds;
            for (var i = 0; i < runs.Count; i++)
            {
                var values = Row(i, PrefilledRows + n);
                if (i == 0)
                {
                    values["logged_at_s"] = now;
                }

                runs[i].Log(values);
            }

            var next = TimeSpan.FromMilliseconds((n + 1) * 1000.0 / RowsPerSecond) - tick.Elapsed;
            if (next > TimeSpan.Zero)
            {
                Thread.Sleep(next);
            }
        }
    }

    private static Dictionary<string, double> Row(int run, long step) =>
        new() { ["loss"] = 1.0 / (step + 1 + run), ["accuracy"] = step % 100 / 100.0, ["lr"] = 0.01, ["grad_norm"] = run + (step % 7) };

    /// <summary>A browser's traffic: the event stream, and the data fetched again at each new version.</summary>
    private static async Task WatchAsync(Uri url, List<double>? latencies, Stopwatch clock, Action fetched, CancellationToken stop)
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var events = new StreamReader(await http.GetStreamAsync("/api/events", stop));
            while (await events.ReadLineAsync(stop) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var data = await http.GetByteArrayAsync("/api/data?v=" + line.Substring(6), stop);
                fetched();
                if (latencies is not null && LastLoggedAt(data) is { } loggedAt)
                {
                    lock (latencies)
                    {
                        latencies.Add((clock.Elapsed.TotalSeconds - loggedAt) * 1000);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The benchmark ended.
        }
    }

    // The newest logged_at_s in run 0's curve (the curves come from the history files; seconds keep 6 digits' precision).
    private static double? LastLoggedAt(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        if (!json.RootElement.TryGetProperty("curves", out var curves) || !curves.TryGetProperty("logged_at_s", out var curve))
        {
            return null;
        }

        double? newest = null;
        foreach (var run in curve.GetProperty("runs").EnumerateArray())
        {
            foreach (var value in run[2].EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.Number && (newest is null || value.GetDouble() > newest))
                {
                    newest = value.GetDouble();
                }
            }
        }

        return newest;
    }

    /// <summary>CPU cores used over <paramref name="duration"/>, and memory sampled every 5 s: the mean of the first and of the second half of the samples (a garbage-collected heap saws up and down, so single samples say little), and the highest.</summary>
    private static async Task<(double Cores, double FirstMemory, double LastMemory, long MaxMemory)> MeasureAsync(UiServerProcess server, TimeSpan duration, BenchmarkReport? report)
    {
        var wall = Stopwatch.StartNew();
        var cpu = server.CpuTime;
        var samples = new List<long>();
        long max = 0;
        while (wall.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var last = server.WorkingSet;
            samples.Add(last);
            max = Math.Max(max, last);
            report?.Line(string.Create(CultureInfo.InvariantCulture, $"    {wall.Elapsed.TotalSeconds,4:0} s: {(server.CpuTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds:0.000} cores so far, {last / 1048576.0:0.0} MiB"));
        }

        var half = samples.Count / 2;
        return ((server.CpuTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds, samples.Take(half).Average(), samples.Skip(half).Average(), max);
    }
}
