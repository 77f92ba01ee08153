using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Cli.Ui;
using Wandb.Storage.Watching;

namespace Wandb.Cli.Commands;

/// <summary><c>dotnet wandb ui</c>: the report page served live from a store, on 127.0.0.1 unless told otherwise (then only with a token).</summary>
internal static class UiCommand
{
    public const int DefaultPort = 8765;
    public const int MinTokenLength = 16;

    public static Command Create(CliContext context)
    {
        var store = StoreOption.Create();
        var port = new Option<int>("--port")
        {
            Description = $"Port to listen on; 0 picks a free one. Default: {DefaultPort}.",
            HelpName = "port",
            DefaultValueFactory = _ => DefaultPort,
        };
        port.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 65535)
            {
                result.AddError($"--port: '{value}' is not a port; use 1-65535, or 0 for any free port.");
            }
        });
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on. Default: 127.0.0.1 (this machine only). Any other address (0.0.0.0 for every interface) requires a token.",
            HelpName = "address",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        host.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? string.Empty;
            if (ParseHost(value) is null)
            {
                result.AddError($"--host: '{value}' is not an IP address of this machine; use 127.0.0.1, ::1, localhost, 0.0.0.0, :: or one of its addresses.");
            }
        });
        var token = new Option<string?>("--token")
        {
            Description = $"Token every request must carry (at least {MinTokenLength} characters of A-Z a-z 0-9 - _ . ~). Required for any address but loopback; generated and printed in the URL when not given.",
            HelpName = "token",
        };
        token.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && (value.Length < MinTokenLength || !value.All(IsTokenCharacter)))
            {
                // The value is a secret: the message describes it without repeating it.
                result.AddError($"--token: the value given is not a usable token; use at least {MinTokenLength} characters of A-Z a-z 0-9 - _ . ~ (the value is not shown).");
            }
        });
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser." };
        var maxDetailRuns = MaxDetailRunsOption.Create("Most runs the page shows in full (rows, curves); the other groups are listed by their aggregates, with a note, as in the report file.");

        var command = new Command("ui", "Serve the report page with live data: groups, tables and charts update while runs log. Read-only. Stop with Ctrl+C.")
        {
            store, port, host, token, open, maxDetailRuns,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = new CliOutput(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: false);
            var address = ParseHost(parse.GetValue(host)!)!;
            var given = parse.GetValue(token);
            var secret = given ?? (IPAddress.IsLoopback(address) ? null : UiAccess.NewToken());
            var access = new UiAccess(secret);

            using var report = new LiveReport(runStore, StoreProbes.For(runStore), new LiveReportOptions { MaxDetailRuns = parse.GetValue(maxDetailRuns) }, console);
            report.Start();
            await using var server = await UiServer.StartAsync(address, parse.GetValue(port), report, access, cancellation).ConfigureAwait(false);
            var url = PageUrl(server.Address, address, secret);
            context.Output.WriteLine($"Serving the runs of {runStore.Location} (read-only) at {url}");
            if (!Directory.Exists(runStore.LocalDirectory) && runStore is Storage.Folder.FolderRunStore)
            {
                context.Output.WriteLine("The store folder does not exist yet; the page shows runs as soon as they are logged.");
            }

            context.Output.WriteLine("Press Ctrl+C to stop.");
            context.Output.Flush();
            if (parse.GetValue(open))
            {
                OpenBrowser(url, console);
            }

            await UntilStoppedAsync(cancellation).ConfigureAwait(false);
            context.Output.WriteLine("Stopped.");

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs until Ctrl+C, SIGTERM (a service manager, a test ending the process) or the caller's cancellation.</summary>
    private static async Task UntilStoppedAsync(CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
    }

    internal static IPAddress? ParseHost(string value) =>
        string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(value, out var address) ? address
        : null;

    private static bool IsTokenCharacter(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

    /// <summary>The URL to open: a wildcard bind is reached through the machine's name; the token rides along once.</summary>
    private static string PageUrl(Uri bound, IPAddress address, string? token)
    {
        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : bound.Host;
        var url = new UriBuilder(bound.Scheme, host, bound.Port, "/").Uri.AbsoluteUri;
        return token is null ? url : url + "?" + UiAccess.QueryName + "=" + token;
    }

    private static void OpenBrowser(string url, Terminal.CliOutput console)
    {
        try
        {
            var opener = OperatingSystem.IsWindows() ? new ProcessStartInfo(url) { UseShellExecute = true }
                : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", url)
                : new ProcessStartInfo("xdg-open", url);
            Process.Start(opener)?.Dispose();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            console.Info($"Could not open a browser ({ex.Message}); open {url} yourself.");
        }
    }
}
