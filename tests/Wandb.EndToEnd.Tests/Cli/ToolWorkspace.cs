using System.Diagnostics;
using System.Text.RegularExpressions;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Cli;

/// <summary>
/// A temporary folder with a local tool manifest into which Wandb.Cli is installed from the packed feed,
/// exactly as a user installs it (<c>dotnet new tool-manifest</c>, <c>dotnet tool install Wandb.Cli</c>),
/// and folder stores written in the documented file format (docs/store-format.md).
/// </summary>
public sealed class ToolWorkspace : IDisposable
{
    /// <summary>
    /// Installs extract the package into the one NuGet cache folder of its version, and rewrite the SDK's tool resolver
    /// cache file (~/.dotnet/toolResolverCache) in place, without a temporary file: a <c>dotnet wandb</c> that reads it
    /// while another test installs finds it empty and answers "Run dotnet tool restore". So installs go one at a time
    /// and never while a command starts; commands run beside each other.
    /// </summary>
    private static readonly ReaderWriterLockSlim ResolverCache = new();

    private ToolWorkspace(TestWorkspace workspace) => Workspace = workspace;

    public TestWorkspace Workspace { get; }

    public string Root => Workspace.Root;

    public static ToolWorkspace Install(string name)
    {
        var feed = ToolPackage.Feed;
        var workspace = new ToolWorkspace(TestWorkspace.Create(name));
        var manifest = workspace.Workspace.DotNet("new tool-manifest");
        Assert.AreEqual(0, manifest.ExitCode, manifest.ToString());
        ProcessResult install;
        ResolverCache.EnterWriteLock();
        try
        {
            install = workspace.Workspace.DotNet($"tool install Wandb.Cli --add-source \"{feed}\" --version {ToolPackage.Version}", timeout: TimeSpan.FromMinutes(5));
        }
        finally
        {
            ResolverCache.ExitWriteLock();
        }

        Assert.AreEqual(0, install.ExitCode, install.ToString());
        StringAssert.Contains(install.Output, "dotnet-wandb", install.ToString());
        return workspace;
    }

    /// <summary>Runs <c>dotnet wandb &lt;arguments&gt;</c> in the workspace.</summary>
    public ProcessResult Wandb(string arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ResolverCache.EnterReadLock();
        try
        {
            return Workspace.DotNet("wandb " + arguments, environment: environment, timeout: TimeSpan.FromMinutes(3));
        }
        finally
        {
            ResolverCache.ExitReadLock();
        }
    }

    /// <summary>Starts <c>dotnet wandb ui</c> and returns once it printed the URL it serves.</summary>
    public RunningUi StartUi(string arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "wandb", "ui", "--port", "0" }.Concat(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("WANDB_", StringComparison.Ordinal) || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var pair in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        ResolverCache.EnterReadLock();
        try
        {
            return RunningUi.Start(start);
        }
        finally
        {
            ResolverCache.ExitReadLock();
        }
    }

    public void WriteRun(string store, string runId, string group, string state, int exitCode, double loss)
    {
        var run = $"{store}/runs/{runId}";
        Workspace.WriteFile($"{run}/run.json", $$"""
            {"schema":1,"id":"{{runId}}","name":"{{runId}}","project":"churn","group":"{{group}}","job_type":"fold","tags":["e2e"],"notes":null,
             "created_at":"2026-11-29T10:00:00+00:00","system":{"host":"ci","pid":42} }
            """);
        Workspace.WriteFile($"{run}/w1.state.json", $$"""
            {"schema":1,"writer":"w1","host":"ci","pid":42,"started_at":"2026-11-29T10:00:00+00:00","updated_at":"2026-11-29T10:01:00+00:00",
             "finished_at":"2026-11-29T10:01:00+00:00","state":"{{state}}","exit_code":{{exitCode}},"rows":3,"last_step":2,"config":{"fold":1},"summary":{},"last":{"loss":{{loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}}} }
            """);
        Workspace.WriteFile($"{run}/w1.history.jsonl", $$"""
            {"_step":0,"_runtime":0.1,"_timestamp":1795970148.1,"loss":0.9}
            {"_step":1,"_runtime":0.2,"_timestamp":1795970148.2,"loss":0.5}
            {"_step":2,"_runtime":0.3,"_timestamp":1795970148.3,"loss":{{loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}

            """);
    }

    public void Dispose() => Workspace.Dispose();

    /// <summary>A running <c>dotnet wandb ui</c>: its URL, and its output once stopped.</summary>
    public sealed class RunningUi : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private RunningUi(Process process) => _process = process;

        public Uri Url { get; private set; } = null!;

        public string Output { get { lock (_output) { return _output.ToString(); } } }

        public static RunningUi Start(ProcessStartInfo start)
        {
            var ui = new RunningUi(new Process { StartInfo = start });
            ui._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (ui._output) { ui._output.AppendLine(e.Data); } } };
            ui._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (ui._output) { ui._output.AppendLine(e.Data); } } };
            ui._process.Start();
            ui._process.BeginOutputReadLine();
            ui._process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline)
            {
                var match = Regex.Match(ui.Output, @" at (http://\S+)");
                if (match.Success)
                {
                    ui.Url = new Uri(match.Groups[1].Value);
                    return ui;
                }

                if (ui._process.HasExited)
                {
                    break;
                }

                Thread.Sleep(100);
            }

            ui.Dispose();
            throw new AssertFailedException("dotnet wandb ui printed no URL:\n" + ui.Output);
        }

        /// <summary>Stops the server as a terminal's Ctrl+C or a service manager would (SIGTERM), and returns its exit code.</summary>
        public int Stop()
        {
            using (var kill = Process.Start("kill", $"-TERM {_process.Id}"))
            {
                kill.WaitForExit();
            }

            if (!_process.WaitForExit(30_000))
            {
                _process.Kill(entireProcessTree: true);
                throw new AssertFailedException("dotnet wandb ui did not stop on SIGTERM:\n" + Output);
            }

            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
