using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace Wandb.Cli.Ui;

/// <summary>
/// The web server of <c>dotnet wandb ui</c>: Kestrel with no middleware but one request handler and a fixed
/// table of four read-only resources (the page, its data, the data's change events, and nothing else). No
/// request path, query or header is ever used to name a file or build a query: unknown paths are 404.
/// </summary>
internal sealed class UiServer : IAsyncDisposable
{
    /// <summary>Browsers following the events at once; more would only hold connections open.</summary>
    public const int MaxWatchers = 256;

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly LiveReport _report;
    private readonly UiAccess _access;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private int _watchers;

    private UiServer(LiveReport report, UiAccess access, WebApplication app)
    {
        _report = report;
        _access = access;
        _app = app;
    }

    /// <summary>The address the server listens on (with the real port when any free port was asked for).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <exception cref="IOException">The address is taken or cannot be bound.</exception>
    public static async Task<UiServer> StartAsync(IPAddress host, int port, LiveReport report, UiAccess access, CancellationToken cancellation)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = MaxWatchers + 64;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Listen(host, port);
        });
        var app = builder.Build();
        var server = new UiServer(report, access, app);
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"Cannot listen on {host}:{port} ({ex.Message}). Choose another --port, or --port 0 for any free one.", ex);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        server.Address = bound is null ? new Uri($"http://{host}:{port}/") : new Uri(bound.Replace("//[::]", "//[::1]", StringComparison.Ordinal) + "/");
        access.Port = server.Address.Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // Event streams never end by themselves: end them first, so stopping does not wait for them.
        _stopping.Cancel();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'";

        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.Headers[HeaderNames.Allow] = "GET, HEAD";
            await PlainAsync(response, StatusCodes.Status405MethodNotAllowed, "This server is read-only.").ConfigureAwait(false);
            return;
        }

        switch (_access.Check(request))
        {
            case AccessDecision.NoToken:
                await PlainAsync(response, StatusCodes.Status401Unauthorized, "This server needs its token: open the URL that dotnet wandb ui printed.").ConfigureAwait(false);
                return;
            case AccessDecision.WrongHost:
                await PlainAsync(response, StatusCodes.Status403Forbidden, "This server answers to 127.0.0.1, localhost and [::1] only.").ConfigureAwait(false);
                return;
            case AccessDecision.AllowedByQueryToken when request.Path.Value == "/":
                // The token leaves the URL (and with it the browser's history); the cookie carries it from now on.
                response.Cookies.Append(UiAccess.CookieName, request.Query[UiAccess.QueryName][0]!, new CookieOptions { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict, Path = "/", IsEssential = true });
                response.StatusCode = StatusCodes.Status303SeeOther;
                response.Headers[HeaderNames.Location] = "/";
                return;
        }

        switch (request.Path.Value)
        {
            case "/":
            case "/index.html":
                await PageAsync(context).ConfigureAwait(false);
                break;
            case "/api/data":
                await DataAsync(context).ConfigureAwait(false);
                break;
            case "/api/events":
                await EventsAsync(context).ConfigureAwait(false);
                break;
            default:
                await PlainAsync(response, StatusCodes.Status404NotFound, "Not found.").ConfigureAwait(false);
                break;
        }
    }

    private async Task PageAsync(HttpContext context)
    {
        var snapshot = await _report.CurrentAsync().ConfigureAwait(false);
        // frame-ancestors only works as a header (a meta policy ignores it, with a console error).
        context.Response.Headers[HeaderNames.ContentSecurityPolicy] = _report.ContentSecurityPolicy + "; frame-ancestors 'none'";
        context.Response.Headers["X-Frame-Options"] = "DENY";
        await SendAsync(context, "text/html; charset=utf-8", snapshot.Page, () => snapshot.GzipPage).ConfigureAwait(false);
    }

    private async Task DataAsync(HttpContext context)
    {
        var snapshot = await _report.CurrentAsync().ConfigureAwait(false);
        context.Response.Headers[HeaderNames.ETag] = $"\"{snapshot.Version.ToString(CultureInfo.InvariantCulture)}\"";
        await SendAsync(context, "application/json; charset=utf-8", snapshot.Data, () => snapshot.GzipData).ConfigureAwait(false);
    }

    /// <summary>Server-sent events: the current version at once, then each new one; a comment line keeps proxies from closing the stream.</summary>
    private async Task EventsAsync(HttpContext context)
    {
        var response = context.Response;
        if (Interlocked.Increment(ref _watchers) > MaxWatchers)
        {
            Interlocked.Decrement(ref _watchers);
            await PlainAsync(response, StatusCodes.Status503ServiceUnavailable, "Too many pages are watching this server.").ConfigureAwait(false);
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            var aborted = ended.Token;
            response.ContentType = "text/event-stream; charset=utf-8";
            var snapshot = await _report.CurrentAsync().WaitAsync(aborted).ConfigureAwait(false);
            await WriteEventAsync(response, $"retry: 2000\ndata: {snapshot.Version.ToString(CultureInfo.InvariantCulture)}\n\n", aborted).ConfigureAwait(false);
            while (!aborted.IsCancellationRequested)
            {
                var newer = _report.WaitForNewerAsync(snapshot.Version);
                var finished = await Task.WhenAny(newer, Task.Delay(Heartbeat, aborted)).ConfigureAwait(false);
                aborted.ThrowIfCancellationRequested();
                if (finished == newer)
                {
                    snapshot = await newer.ConfigureAwait(false);
                    await WriteEventAsync(response, $"data: {snapshot.Version.ToString(CultureInfo.InvariantCulture)}\n\n", aborted).ConfigureAwait(false);
                }
                else
                {
                    await WriteEventAsync(response, ": still here\n\n", aborted).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        finally
        {
            Interlocked.Decrement(ref _watchers);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string text, CancellationToken aborted)
    {
        await response.WriteAsync(text, aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(aborted).ConfigureAwait(false);
    }

    private static async Task SendAsync(HttpContext context, string contentType, byte[] plain, Func<byte[]> gzip)
    {
        var response = context.Response;
        response.ContentType = contentType;
        response.Headers[HeaderNames.Vary] = HeaderNames.AcceptEncoding;
        var body = plain;
        if (context.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase)))
        {
            body = gzip();
            response.Headers[HeaderNames.ContentEncoding] = "gzip";
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task PlainAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message + "\n", Encoding.UTF8);
    }
}
