namespace Wandb.Runs;

/// <summary>
/// The bounds that keep logging fast and memory flat, documented in docs/store-format.md. A process killed
/// with SIGKILL loses the rows logged since the last batch was handed to the operating system: at most one
/// <see cref="FlushInterval"/> plus the time that write took (measured by the <c>reliability</c> benchmark).
/// </summary>
internal sealed record RecorderLimits
{
    public static readonly RecorderLimits Default = new();

    /// <summary>The longest a logged row waits before its batch is written, counted from the previous batch.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Rows that trigger a write before the interval ends.</summary>
    public int BatchRows { get; init; } = 1_000;

    /// <summary>Rows that may wait for the disk before <c>Log</c> waits too (back-pressure).</summary>
    public int MaxPendingRows { get; init; } = 20_000;

    /// <summary>Rows kept in memory while the store cannot be written; past this the rest of the writer goes to the fallback folder.</summary>
    public int MaxBufferedRows { get; init; } = 100_000;

    /// <summary>How often the writer state (config, summary, heartbeat) is rewritten while something changed.</summary>
    public TimeSpan StateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the state is rewritten when nothing changed, as a heartbeat for other hosts.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait before trying an unwritable store (or fallback folder) again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long <c>Finish</c> waits for the last write before giving up on a hung disk.</summary>
    public TimeSpan FinishTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
