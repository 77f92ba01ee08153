using System.Diagnostics;

namespace Wandb.Environment;

/// <summary>Identity of this process, read once: the id and start time tell a live owner from a reused pid.</summary>
internal static class CurrentProcess
{
    private static readonly Lazy<(int Id, DateTimeOffset? StartedAt)> Identity = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return (process.Id, ProcessLiveness.TryGetStartTime(process));
    });

    public static int Id => Identity.Value.Id;

    public static DateTimeOffset? StartedAt => Identity.Value.StartedAt;
}
