using System.Diagnostics;

namespace Wandb.Environment;

/// <summary>Tells whether the process that owns a run on this host is still alive.</summary>
internal static class ProcessLiveness
{
    /// <summary>
    /// True when a process with <paramref name="pid"/> runs and, if a start time was recorded, started then
    /// (within a second): a pid reused by another program does not keep a dead run "running".
    /// </summary>
    public static bool IsAlive(int pid, DateTimeOffset? startedAt)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            if (startedAt is null)
            {
                return true;
            }

            var actual = TryGetStartTime(process);
            return actual is null || Math.Abs((actual.Value - startedAt.Value).TotalSeconds) < 1.0;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static DateTimeOffset? TryGetStartTime(Process process)
    {
        try
        {
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
