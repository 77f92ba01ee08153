namespace Wandb.Storage.Postgres;

/// <summary>
/// One send of a PostgreSQL writer: <paramref name="Rows"/> rows from <paramref name="FirstSeq"/> (held in memory as
/// <paramref name="FromMemory"/>, or to be read back from the spill folder's copy when null), then optionally the
/// writer state whose rows they complete.
/// </summary>
internal sealed record Outgoing(long FirstSeq, int Rows, List<LineBatch>? FromMemory, string? StateJson, DateTimeOffset? StateUpdatedAt, long StateVersion);
