using Wandb.Environment;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ManualClock : IClock
{
    private long _ticks;

    public ManualClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
