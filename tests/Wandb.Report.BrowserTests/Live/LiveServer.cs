using System.Text.RegularExpressions;
using Wandb.Cli;
using Wandb.Environment;

namespace Wandb.Report.BrowserTests.Live;

/// <summary><c>dotnet wandb ui --port 0</c> run in this process on a store folder, until disposed.</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private Task<int>? _run;

    public Uri Url { get; private set; } = null!;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<LiveServer> StartAsync(string store)
    {
        var server = new LiveServer();
        var writer = TextWriter.Synchronized(server._output);
        var context = new CliContext(writer, writer, new DictionaryEnvironmentVariables(new Dictionary<string, string?>()), Path.GetTempPath(), errorIsTerminal: false);
        server._run = Task.Run(() => WandbCli.RunAsync(new[] { "ui", "--port", "0", "--store", store }, context, server._stop.Token));
        for (var waited = 0; waited < 300; waited++)
        {
            if (Regex.Match(server.Output, @" at (http://\S+)") is { Success: true } match)
            {
                server.Url = new Uri(match.Groups[1].Value);
                return server;
            }

            if (server._run.IsCompleted)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new AssertFailedException("dotnet wandb ui printed no URL: " + server.Output);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_run is not null)
        {
            await _run;
        }

        _stop.Dispose();
    }
}
