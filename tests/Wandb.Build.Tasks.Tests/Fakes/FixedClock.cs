using Wandb.Environment;

namespace Wandb.Build.Tasks.Tests.Fakes;

/// <summary>A clock stopped at one moment: runs written through it look as old as that moment.</summary>
internal sealed class FixedClock : IClock
{
    public FixedClock(DateTimeOffset now) => UtcNow = now;

    public DateTimeOffset UtcNow { get; }
}
