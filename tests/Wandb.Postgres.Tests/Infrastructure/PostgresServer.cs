using System.Diagnostics;
using Npgsql;
using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server build/test.sh starts (WANDB_TEST_POSTGRES, WANDB_TEST_POSTGRES_BIN,
/// WANDB_TEST_POSTGRES_DATA). A missing variable fails the test: these tests are never skipped silently.
/// </summary>
public static class PostgresServer
{
    public static string ConnectionString => Required("WANDB_TEST_POSTGRES");

    /// <summary>Creates an empty schema and returns a connection string whose search path is it, so each test class is isolated.</summary>
    public static string CreateSchema(string prefix)
    {
        var schema = (prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 8)).ToLowerInvariant();
        Execute($"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema, Pooling = true }.ConnectionString;
    }

    public static void DropSchema(string connectionString)
    {
        if (connectionString.Length == 0)
        {
            return;
        }

        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        NpgsqlConnection.ClearAllPools();
        PostgresSchema.ForgetMigrations();
        Execute($"DROP SCHEMA IF EXISTS {schema} CASCADE");
    }

    public static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(Unpooled(connectionString));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <paramref name="connectionString"/> with a fresh application name, so the server sessions of the one process
    /// given it can be told apart (see <see cref="WaitForSessionsToEnd"/>).
    /// </summary>
    public static string Tagged(string connectionString, out string applicationName)
    {
        applicationName = "wandb-test-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        return new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString;
    }

    /// <summary>The server's sessions named <paramref name="applicationName"/> (see <see cref="Tagged"/>).</summary>
    public static long Sessions(string applicationName)
    {
        using var connection = new NpgsqlConnection(Unpooled(ConnectionString));
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", applicationName);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits until the server has ended every session named <paramref name="applicationName"/>. A killed client's
    /// last statement (a COMMIT already on the wire) still runs on the server after the kill; once its sessions are
    /// gone, what the database holds of that client no longer changes.
    /// </summary>
    public static void WaitForSessionsToEnd(string applicationName) =>
        Eventually.Until(() => Sessions(applicationName) == 0, $"the server has ended the sessions of '{applicationName}' after its process ended");

    public static void Execute(string sql, string? connectionString = null)
    {
        using var connection = new NpgsqlConnection(Unpooled(connectionString ?? ConnectionString));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Restarts the server with pg_ctl (as the postgres user when running as root), waiting until it accepts connections again.</summary>
    public static void Restart()
    {
        using var serverLock = ServerLock.Acquire(Required("WANDB_TEST_POSTGRES_DATA"), TimeSpan.FromMinutes(5));
        PgCtl("-m", "fast", "-w", "-t", "60", "restart");
    }

    /// <summary>
    /// Stops the server (<paramref name="mode"/> <c>fast</c> as an administrator would, <c>immediate</c> as a
    /// crash that needs recovery) and holds <see cref="ServerLock"/> until the returned handle starts it again,
    /// so tests of other projects wait rather than meet the outage.
    /// </summary>
    public static IDisposable Stop(string mode)
    {
        var data = Required("WANDB_TEST_POSTGRES_DATA");
        var serverLock = ServerLock.Acquire(data, TimeSpan.FromMinutes(5));
        // pg_ctl start does not remember the options the server was started with; postmaster.opts does.
        var options = StartOptions(File.ReadAllText(Path.Combine(data, "postmaster.opts")));
        PgCtl("-m", mode, "-w", "-t", "60", "stop");
        return new Outage(() =>
        {
            try
            {
                PgCtl("-o", options, "-w", "-t", "60", "start");
            }
            finally
            {
                serverLock.Dispose();
            }
        });
    }

    private static void PgCtl(params string[] arguments)
    {
        var pgCtl = Path.Combine(Required("WANDB_TEST_POSTGRES_BIN"), "pg_ctl");
        var data = Required("WANDB_TEST_POSTGRES_DATA");
        var asRoot = System.Environment.UserName == "root";
        // No redirected output: the restarted server inherits pg_ctl's handles and would keep a pipe open
        // forever; its log goes to the file build/services.sh uses.
        var start = new ProcessStartInfo(asRoot ? "runuser" : pgCtl) { UseShellExecute = false };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", pgCtl })
            {
                start.ArgumentList.Add(argument);
            }
        }

        var log = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data))!, "server.log");
        foreach (var argument in new[] { "-D", data, "-l", log }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (!process.WaitForExit(90_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"pg_ctl {string.Join(" ", arguments)} did not finish within 90 s.");
        }

        Assert.AreEqual(0, process.ExitCode, $"pg_ctl {string.Join(" ", arguments)} failed; see {log}.");
    }

    /// <summary>The server's own arguments from postmaster.opts (<c>postgres "-D" "..." "-p" "55432" ...</c>), without the data folder.</summary>
    private static string StartOptions(string postmasterOpts)
    {
        var quoted = postmasterOpts.Split('"').Where((_, i) => i % 2 == 1).ToList();
        var kept = new List<string>();
        for (var i = 0; i < quoted.Count; i++)
        {
            if (quoted[i] == "-D")
            {
                i++;
                continue;
            }

            kept.Add(quoted[i].Contains(' ') ? "'" + quoted[i] + "'" : quoted[i]);
        }

        return string.Join(" ", kept);
    }

    private sealed class Outage : IDisposable
    {
        private Action? _end;

        public Outage(Action end) => _end = end;

        public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
    }

    /// <summary>
    /// The tests' own queries use fresh connections: a pooled one left idle across a server restart is dead,
    /// and the test would fail on it rather than on the product.
    /// </summary>
    private static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static string Required(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new AssertFailedException(
                $"{name} is not set. The PostgreSQL store tests need the real server that build/test.sh starts: run `bash build/test.sh` (or `source build/services.sh && ensure_postgres` in your shell before dotnet test).");
}
