using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Wandb.Reports.Html;

/// <summary>
/// The page's Content-Security-Policy: nothing may be loaded or sent (<c>default-src 'none'</c>), and only the
/// page's own inline script and style run, pinned by their SHA-256 hashes. Markup smuggled into the page
/// through a user string could not run a script or an event handler even if it were ever parsed.
/// </summary>
internal static class ContentSecurityPolicy
{
    /// <summary>
    /// The hashes of the strings hashed so far, by object: the page's script and style are the same two strings on every
    /// page a process writes, and hashing the script again each time put its UTF-8 bytes (over 100 KiB) on the large object heap.
    /// </summary>
    private static readonly ConditionalWeakTable<string, string> Hashes = new();

    public static string For(string script, string style) =>
        "default-src 'none'; "
        + $"script-src '{Hash(script)}'; "
        + $"style-src '{Hash(style)}'; "
        + "base-uri 'none'; form-action 'none'";

    /// <summary>The page as <c>dotnet wandb ui</c> serves it: the same, plus requests to its own server only, for the live data.</summary>
    public static string ForLiveServer(string script, string style) =>
        For(script, style) + "; connect-src 'self'";

    private static string Hash(string content) => Hashes.GetValue(content, Compute);

    private static string Compute(string content)
    {
        using var sha = SHA256.Create();
        return "sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(content)));
    }
}
