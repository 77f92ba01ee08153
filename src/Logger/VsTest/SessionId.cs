namespace Wandb.TestLogger.VsTest;

/// <summary>
/// Finds vstest's <c>--testSessionCorrelationId</c>: <c>dotnet test</c> passes the same value to the
/// vstest.console of every project and target framework it runs, which makes it the per-invocation id.
/// </summary>
internal static class SessionId
{
    private const string Option = "--testSessionCorrelationId";

    public static string? FromCommandLine(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            foreach (var separator in new[] { ':', '=' })
            {
                var prefix = Option + separator;
                if (argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && argument.Length > prefix.Length)
                {
                    return argument.Substring(prefix.Length).Trim('"');
                }
            }
        }

        return null;
    }
}
