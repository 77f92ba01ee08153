using System.Diagnostics;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>
/// A real tmpfs of a few megabytes mounted for one test: a disk that fills up, or one remounted read-only.
/// Mounting needs root; where it is impossible the test ends inconclusive, saying why.
/// </summary>
internal sealed class SmallMount : IDisposable
{
    private SmallMount(string path) => Path = path;

    public string Path { get; }

    public static SmallMount Create(int sizeKilobytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wandb-sdk-tests", "mount-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (Mount(out var error, "-t", "tmpfs", "-o", $"size={sizeKilobytes}k", "tmpfs", path))
        {
            return new SmallMount(path);
        }

        Directory.Delete(path);
        Assert.Inconclusive($"Cannot mount a {sizeKilobytes} KB tmpfs ({error}); this test needs root and `mount`.");
        throw new InvalidOperationException("unreachable");
    }

    public void MakeReadOnly()
    {
        if (!Mount(out var error, "-o", "remount,ro", Path))
        {
            Assert.Inconclusive($"Cannot remount {Path} read-only ({error}).");
        }
    }

    public void Dispose()
    {
        Run("umount", out _, "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // A leftover empty folder in the temp directory is harmless.
        }
    }

    private static bool Mount(out string error, params string[] arguments) => Run("mount", out error, arguments);

    private static bool Run(string command, out string error, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
