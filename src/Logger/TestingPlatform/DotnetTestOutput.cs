using System.Runtime.InteropServices;
using System.Text;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// Where the reporter's lines go when <c>dotnet test</c> runs the test app (the platform's server mode
/// <c>dotnettestcli</c>). There the platform's output device is not shown, and the SDK prints a test app's
/// own output only when it fails. So the lines are written to the standard output of <c>dotnet test</c>
/// itself (the parent process) when that is a pipe or a file opened for appending (CI logs, <c>| tee</c>,
/// <c>&gt;&gt; log</c>), where they land between its own lines. Not to a terminal, where its progress display
/// redraws the last lines and would erase them, nor to a file it writes in place (<c>&gt; log</c>), where it
/// would overwrite them: then, and where <c>/proc</c> does not exist, they go to this process's standard
/// output, which <c>dotnet test</c> shows when the run fails (and the report path is published as a file artifact).
/// </summary>
internal static class DotnetTestOutput
{
    /// <summary>The platform option <c>dotnet test</c> starts test apps with, and its value.</summary>
    public const string ServerOption = "server";

    public const string DotnetTestServer = "dotnettestcli";

    private const int AppendFlag = 0x400; // O_APPEND (octal 02000) on Linux

    /// <summary>Writes the lines where <c>dotnet test</c> shows them (see the type's remarks). Never throws.</summary>
    public static void Write(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var text = string.Join("\n", lines) + "\n";
        if (TryWriteToParent(text))
        {
            return;
        }

        try
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // A closed output must not fail the test run.
        }
    }

    /// <summary>
    /// Whether an open standard output, described by its <c>/proc/&lt;pid&gt;/fd/1</c> link target and its
    /// <c>/proc/&lt;pid&gt;/fdinfo/1</c> text, can take lines from another process without garbling or losing them.
    /// </summary>
    public static bool AcceptsAppendedLines(string linkTarget, string fdInfo)
    {
        if (linkTarget.StartsWith("pipe:", StringComparison.Ordinal))
        {
            return true;
        }

        if (!linkTarget.StartsWith("/", StringComparison.Ordinal) || linkTarget.StartsWith("/dev/", StringComparison.Ordinal))
        {
            // Terminals (/dev/pts/*, /dev/tty*), sockets and anything else unknown.
            return false;
        }

        foreach (var line in fdInfo.Split('\n'))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                var flags = Convert.ToInt32(line.Substring("flags:".Length).Trim(), 8);
                return (flags & AppendFlag) != 0;
            }
        }

        return false;
    }

    private static bool TryWriteToParent(string text)
    {
        var parent = ParentSession.ParentProcessId();
        if (parent is null)
        {
            return false;
        }

        try
        {
            var output = $"/proc/{parent}/fd/1";
            var target = ReadLink(output);
            if (target is null || !AcceptsAppendedLines(target, File.ReadAllText($"/proc/{parent}/fdinfo/1")))
            {
                return false;
            }

            using var stream = new FileStream(output, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or FormatException or DllNotFoundException or EntryPointNotFoundException or ArgumentException)
        {
            return false;
        }
    }

    private static string? ReadLink(string path)
    {
        var buffer = new byte[4096];
        var length = NativeMethods.readlink(path, buffer, (IntPtr)buffer.Length).ToInt64();
        return length <= 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr readlink([MarshalAs(UnmanagedType.LPStr)] string path, byte[] buffer, IntPtr size);
    }
}
