namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// A per-invocation id for MTP test apps, which get no session id from <c>dotnet test</c>: the id and start
/// time of the parent process (the <c>dotnet test</c> or MSBuild node that started every test app of the
/// invocation). Only readable on Linux; elsewhere null, and the group is generated per test app.
/// </summary>
internal static class ParentSession
{
    public static string? Id()
    {
        var parent = ParentProcessId();
        if (parent is null)
        {
            return null;
        }

        try
        {
            var startTicks = Field(File.ReadAllText($"/proc/{parent}/stat"), 22);
            return startTicks is null ? null : $"mtp-{parent}-{startTicks}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The id of the process that started this one, from <c>/proc</c>; null where there is none.</summary>
    public static string? ParentProcessId()
    {
        try
        {
            return Field(File.ReadAllText("/proc/self/stat"), 4);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    // /proc/<pid>/stat: "pid (comm) state ppid ...". The command may contain spaces, so count after the last ')'.
    private static string? Field(string stat, int number)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var rest = stat.Substring(close + 2).Split(' ');
        var index = number - 3;
        return index >= 0 && index < rest.Length ? rest[index] : null;
    }
}
