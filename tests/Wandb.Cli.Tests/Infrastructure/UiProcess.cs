using System.Text.RegularExpressions;
using Wandb.Environment;

namespace Wandb.Cli.Tests.Infrastructure;

/// <summary><c>dotnet wandb ui</c> running in this process until disposed, and the URL it printed.</summary>
internal sealed class UiProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private Task<int>? _run;

    public Uri Url { get; private set; } = null!;

    /// <summary>The URL without its token query.</summary>
    public Uri Root => new(Url.GetLeftPart(UriPartial.Path));

    public string Output { get { lock (_output) { return _output.ToString() + _error.ToString(); } } }

    public static async Task<UiProcess> StartAsync(params string[] args)
    {
        var ui = new UiProcess();
        var context = new CliContext(TextWriter.Synchronized(ui._output), TextWriter.Synchronized(ui._error), new DictionaryEnvironmentVariables(new Dictionary<string, string?>()), Path.GetTempPath(), errorIsTerminal: false);
        ui._run = Task.Run(() => WandbCli.RunAsync(new[] { "ui", "--port", "0" }.Concat(args).ToArray(), context, ui._stop.Token));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var match = Regex.Match(ui.Output, @" at (http://\S+)");
            if (match.Success)
            {
                ui.Url = new Uri(match.Groups[1].Value);
                return ui;
            }

            if (ui._run.IsCompleted)
            {
                throw new InvalidOperationException($"ui ended with {await ui._run}: {ui.Output}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("ui printed no URL: " + ui.Output);
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
