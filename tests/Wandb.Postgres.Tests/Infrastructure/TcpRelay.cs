using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of the test server that a test can cut, like a network outage: open connections
/// are dropped and new ones refused until it is restored. The server itself keeps running for other tests.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly List<TcpClient> _open = new();
    private volatile bool _cut;

    public TcpRelay(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _host = builder.Host!;
        _port = builder.Port;
        _listener.Start();
        builder.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        builder.Timeout = 3;
        ConnectionString = builder.ConnectionString;
        _ = AcceptLoop();
    }

    /// <summary>The connection string that goes through the relay.</summary>
    public string ConnectionString { get; }

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Close();
            }

            _open.Clear();
        }
    }

    public void Dispose()
    {
        Cut();
        _listener.Stop();
    }

    private async Task AcceptLoop()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            if (_cut)
            {
                client.Close();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_host, _port);
            }
            catch (SocketException)
            {
                client.Close();
                continue;
            }

            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = Pump(client, server);
            _ = Pump(server, client);
        }
    }

    private static async Task Pump(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int read;
            while ((read = await input.ReadAsync(buffer)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The relay was cut or a side closed: end both directions.
        }

        from.Close();
        to.Close();
    }
}
