using System.Net.Sockets;
using System.Text;

namespace Wandb.Cli.Tests.Infrastructure;

/// <summary>
/// Sends a request exactly as written, over a plain socket: HttpClient would normalise <c>/../</c> away before
/// the server ever saw it, and path-traversal tests must send what an attacker sends.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> GetAsync(Uri server, string target, string? host = null, string method = "GET", params string[] headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\n")
            .Append($"Host: {host ?? server.Authority}\r\n")
            .Append("Connection: close\r\n");
        foreach (var header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
        await stream.WriteAsync(bytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = await reader.ReadToEndAsync(timeout.Token);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? response : response.Substring(0, split);
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, head, split < 0 ? string.Empty : response.Substring(split + 4));
    }
}
