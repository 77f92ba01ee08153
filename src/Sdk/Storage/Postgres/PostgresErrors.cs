using System.Net.Sockets;
using Npgsql;

namespace Wandb.Storage.Postgres;

/// <summary>
/// Turns what Npgsql and the network throw into the <see cref="IOException"/> the rest of the SDK treats as
/// "the store cannot be written right now", with the password stripped from the message.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>True for failures of the database or the way to it, which the caller survives by buffering, retrying or spilling.</summary>
    public static bool IsStoreFailure(Exception ex) =>
        ex is NpgsqlException or SocketException or IOException or TimeoutException or InvalidOperationException or ObjectDisposedException;

    public static IOException Wrap(Exception ex, PostgresConnectionInfo connection) =>
        // No inner exception: a driver exception could carry connection details into a log that prints it whole.
        new($"PostgreSQL store {connection.Location}: {connection.Redact(Describe(ex))}");

    /// <summary>The driver's message with the innermost cause, which says what actually happened; not yet redacted.</summary>
    public static string Describe(Exception ex)
    {
        // Npgsql wraps socket and timeout errors.
        var message = ex.Message;
        if (ex.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) && !message.Contains(inner.Message))
        {
            message += " (" + inner.Message + ")";
        }

        return message;
    }
}
