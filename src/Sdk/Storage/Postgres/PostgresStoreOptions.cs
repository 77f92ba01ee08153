namespace Wandb.Storage.Postgres;

/// <summary>How the PostgreSQL store rides out an unreachable server. Documented in docs/shared-store.md.</summary>
internal sealed record PostgresStoreOptions
{
    public static readonly PostgresStoreOptions Default = new();

    /// <summary>
    /// How long the test logger's batch writer keeps finished runs waiting for an unreachable server before it
    /// writes them to the local folder store's batch file.
    /// </summary>
    public TimeSpan SpillAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Rows of one writer held in memory for sending; the rest are read back from the spill folder's copy.</summary>
    public int MaxMemoryRows { get; init; } = 20_000;

    /// <summary>Rows sent with one COPY when a writer has more waiting.</summary>
    public int SendChunkRows { get; init; } = 20_000;

    /// <summary>How long the end of a run waits for its last rows to reach a server that takes them; what is left stays in the spill folder.</summary>
    public TimeSpan FinishTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Rows per INSERT when pushing a folder store into the database.</summary>
    public int PushBatchRows { get; init; } = 5_000;
}
