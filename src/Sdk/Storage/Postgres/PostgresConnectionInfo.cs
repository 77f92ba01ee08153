using System.Globalization;
using Npgsql;

namespace Wandb.Storage.Postgres;

/// <summary>
/// A validated PostgreSQL connection string and the password-free description of it. The full string is
/// only ever handed to Npgsql; everything printed (location, warnings, errors) uses <see cref="Location"/>
/// or <see cref="Redact(string)"/>.
/// </summary>
internal sealed class PostgresConnectionInfo
{
    private readonly string? _password;

    private PostgresConnectionInfo(string connectionString, string location, string? password)
    {
        ConnectionString = connectionString;
        Location = location;
        _password = password;
    }

    /// <summary>The connection string as Npgsql gets it, with the password. Never print it.</summary>
    public string ConnectionString { get; }

    /// <summary><c>postgresql://user@host:port/database</c> (plus the search path when set), without the password.</summary>
    public string Location { get; }

    /// <summary>True when <paramref name="value"/> is written as <c>Key=Value;...</c> pairs rather than as a folder path.</summary>
    public static bool LooksLikeConnectionString(string value)
    {
        var first = value.Split(';')[0];
        var equals = first.IndexOf('=');
        return equals > 0 && first.Substring(0, equals).Trim().All(c => char.IsLetter(c) || c == ' ');
    }

    /// <summary>Parses <paramref name="value"/>; the error names <paramref name="source"/> but never repeats the value, which may hold a password.</summary>
    /// <exception cref="ArgumentException">The value is not a usable connection string.</exception>
    public static PostgresConnectionInfo Parse(string value, string source)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException(
                $"{source} is not a valid PostgreSQL connection string (the value is not shown because it may hold a password). Expected keys such as Host, Port, Database, Username and Password, for example Host=db.example;Database=wandb;Username=ci;Password=...",
                source);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException($"{source} is a connection string without Host; add Host=<server> (for example Host=127.0.0.1;Database=wandb;Username=ci).", source);
        }

        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : Uri.EscapeDataString(builder.Username) + "@";
        var location = string.Format(CultureInfo.InvariantCulture, "postgresql://{0}{1}:{2}/{3}", user, builder.Host, builder.Port, builder.Database ?? string.Empty);
        if (!string.IsNullOrEmpty(builder.SearchPath))
        {
            location += "?search_path=" + Uri.EscapeDataString(builder.SearchPath);
        }

        return new PostgresConnectionInfo(builder.ConnectionString, location, builder.Password);
    }

    /// <summary>Removes the password (and the full connection string) from text that will be shown, such as a driver's error message.</summary>
    public string Redact(string text)
    {
        var result = text.Replace(ConnectionString, Location);
        if (!string.IsNullOrEmpty(_password))
        {
            result = result.Replace(_password, "***");
        }

        return result;
    }
}
