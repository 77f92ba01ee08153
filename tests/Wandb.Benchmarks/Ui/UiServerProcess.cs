using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Wandb.Benchmarks.Ui;

/// <summary><c>dotnet wandb ui</c> (the Release build of src/Cli) as a separate process, whose CPU time and memory are the server's alone.</summary>
internal sealed class UiServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private UiServerProcess(Process process) => _process = process;

    public Uri Url { get; private set; } = null!;

    public Process Process => _process;

    public static string CliPath
    {
        get
        {
            // bin/<Configuration>/<tfm>/ of the benchmarks mirrors the tool's.
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "src", "Cli", "bin", here.Parent!.Name, here.Name, "Wandb.Cli.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Cli first.", path);
        }
    }

    /// <param name="store">The store to serve.</param>
    /// <param name="environment">Variables set for the server only (the runtime's settings, to compare them).</param>
    public static UiServerProcess Start(string store, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { CliPath, "ui", "--store", store, "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("WANDB_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        var server = new UiServerProcess(new Process { StartInfo = start });
        server._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (server._output) { server._output.AppendLine(e.Data); } } };
        server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (server._output) { server._output.AppendLine(e.Data); } } };
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            string text;
            lock (server._output)
            {
                text = server._output.ToString();
            }

            if (Regex.Match(text, @" at (http://\S+)") is { Success: true } match)
            {
                server.Url = new Uri(match.Groups[1].Value);
                return server;
            }

            if (server._process.HasExited)
            {
                break;
            }

            Thread.Sleep(10);
        }

        server.Dispose();
        throw new InvalidOperationException("dotnet wandb ui did not start: " + server._output);
    }

    /// <summary>CPU time used so far, all threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
