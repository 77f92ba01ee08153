namespace Wandb.Environment;

/// <summary>The machine's clock.</summary>
internal sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
