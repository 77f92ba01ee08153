namespace Wandb.Storage.Postgres;

/// <summary>How the PostgreSQL store rides out an unreachable server. Documented in docs/shared-store.md.</summary>
internal sealed record PostgresStoreOptions
{
    public static readonly PostgresStoreOptions Default = new();

    /// <summary>
    /// How long a writer keeps retrying (its rows held in the recorder's bounded memory buffer) before it
    /// spills the rest of its run to the local folder store. Long enough to ride out a server restart.
    /// </summary>
    public TimeSpan SpillAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Rows per INSERT when pushing a folder store into the database.</summary>
    public int PushBatchRows { get; init; } = 5_000;
}
