using System.Security.Cryptography;
using System.Text;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Turns the platform's per-invocation session id (vstest's <c>--testSessionCorrelationId</c>, the same for
/// every project and framework of one <c>dotnet test</c>) into a short group name: <c>test-</c> + 8 characters.
/// </summary>
internal static class SessionGroupName
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string From(string sessionId)
    {
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sessionId));
        }

        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return "test-" + new string(chars);
    }
}
