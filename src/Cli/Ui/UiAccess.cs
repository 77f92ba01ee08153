using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Wandb.Cli.Ui;

/// <summary>
/// Who may read the UI. With a token (required for any bind other than loopback), every request must carry it,
/// whatever its source address: once as <c>?token=</c> in the URL the tool prints, which sets a same-site,
/// HTTP-only cookie, or as <c>Authorization: Bearer</c>. Without a token (loopback only), the Host header must
/// name the loopback address, so a web page that rebinds its own name to 127.0.0.1 still cannot read the runs.
/// </summary>
internal sealed class UiAccess
{
    public const string CookieName = "wandb_ui_token";
    public const string QueryName = "token";

    private readonly byte[]? _tokenHash;

    public UiAccess(string? token) => _tokenHash = token is null ? null : Hash(token);

    /// <summary>The port the server listens on, known once it started (the command line may ask for any free port).</summary>
    public int Port { get; set; }

    public bool RequiresToken => _tokenHash is not null;

    public AccessDecision Check(HttpRequest request)
    {
        if (_tokenHash is null)
        {
            return IsLoopbackHost(request.Host) ? AccessDecision.Allowed : AccessDecision.WrongHost;
        }

        if (Matches(request.Cookies[CookieName]) || Matches(Bearer(request.Headers.Authorization)))
        {
            return AccessDecision.Allowed;
        }

        return Matches(request.Query[QueryName].Count == 1 ? request.Query[QueryName][0] : null)
            ? AccessDecision.AllowedByQueryToken
            : AccessDecision.NoToken;
    }

    /// <summary>Makes a token for a bind that needs one: 24 random bytes, URL-safe.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private bool Matches(string? candidate) =>
        candidate is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Hash(candidate), _tokenHash);

    private static string? Bearer(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header.Substring(7).Trim() : null;

    // Hashes compared in constant time: a wrong token's length tells nothing either.
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue || (host.Port is { } port && port != Port))
        {
            return false;
        }

        return string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
