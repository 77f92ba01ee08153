namespace Wandb.Environment;

/// <summary>Wall-clock time, so tests can control timestamps and heartbeats.</summary>
internal interface IClock
{
    /// <summary>The current time in UTC.</summary>
    DateTimeOffset UtcNow { get; }
}
