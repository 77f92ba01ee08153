using Wandb.Environment;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>A clock that always reads one time, so two reports generated a moment apart are comparable.</summary>
internal sealed class FixedClock : IClock
{
    public FixedClock(DateTimeOffset now) => UtcNow = now;

    public DateTimeOffset UtcNow { get; }
}
