using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Wandb.Benchmarks.Reliability;

/// <summary>
/// A PostgreSQL cluster of the benchmark's own, in a temp folder on a free port, so outages of a minute can be
/// staged without stopping the server other programs on the machine use. Needs PostgreSQL's binaries
/// (<c>WANDB_TEST_POSTGRES_BIN</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>); runs them as the postgres user
/// when started as root, since PostgreSQL refuses root.
/// </summary>
internal sealed class PrivateCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly int _port;
    private readonly bool _asRoot = System.Environment.UserName == "root";

    private PrivateCluster(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5";

    /// <summary>Creates and starts a cluster, or returns null with the reason when PostgreSQL is not installed.</summary>
    public static PrivateCluster? TryCreate(out string? problem)
    {
        var bin = System.Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES_BIN") is { Length: > 0 } given
            ? given
            : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault() : null;
        if (bin is null || !File.Exists(Path.Combine(bin, "initdb")))
        {
            problem = "PostgreSQL is not installed (set WANDB_TEST_POSTGRES_BIN, or run build/test.sh once, which installs it).";
            return null;
        }

        var root = Path.Combine(Path.GetTempPath(), "wandb-bench-pg-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(root);
        var cluster = new PrivateCluster(bin, root, FreePort());
        if (cluster._asRoot)
        {
            Run("chown", "postgres:postgres", root);
        }

        cluster.Tool("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        cluster.Start();
        problem = null;
        return cluster;
    }

    private string Data => Path.Combine(_root, "data");

    public void Start() =>
        Tool("pg_ctl", "-s", "-D", Data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off", "start");

    /// <summary>Stops the server: <c>fast</c> as an administrator would, <c>immediate</c> as a crash that needs recovery.</summary>
    public void Stop(string mode) => Tool("pg_ctl", "-s", "-D", Data, "-m", mode, "-w", "-t", "60", "stop");

    public void Restart() => Tool("pg_ctl", "-s", "-D", Data, "-l", Path.Combine(_root, "server.log"), "-m", "fast", "-w", "-t", "60", "restart");

    public void Execute(string sql, string? connectionString = null)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString ?? ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.ExecuteNonQuery();
    }

    public long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Stop("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_root, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Tool(string name, params string[] arguments)
    {
        var path = Path.Combine(_bin, name);
        var program = _asRoot ? "runuser" : path;
        var all = _asRoot ? new[] { "-u", "postgres", "--", path }.Concat(arguments).ToArray() : arguments;

        // pg_ctl gets no pipes (the server it starts inherits its handles and would hold a pipe open) and runs
        // with -s; initdb's chatter is read and dropped.
        Run(program, quiet: name == "initdb", all);
    }

    private static void Run(string program, params string[] arguments) => Run(program, quiet: false, arguments);

    private static void Run(string program, bool quiet, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = quiet, RedirectStandardError = quiet };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (quiet)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            errors.Wait();
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} failed with exit code {process.ExitCode}.");
        }
    }
}
