using Wandb.Runs;

namespace Wandb.Storage;

/// <summary>
/// A run as read back from a store: identity, config, summary and state, without its history. A snapshot: a store lists a
/// run that changed as a new object, and the reports keep the texts they made of an object for as long as it lives, so
/// neither it nor its config and summary dictionaries are changed once it is listed.
/// </summary>
public sealed class StoredRun
{
    /// <summary>Run id.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Project.</summary>
    public required string Project { get; init; }

    /// <summary>Group (experiment), or null.</summary>
    public string? Group { get; init; }

    /// <summary>Job type, or null.</summary>
    public string? JobType { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    /// <summary>Notes, or null.</summary>
    public string? Notes { get; init; }

    /// <summary>Config as nested dictionaries of plain values.</summary>
    public IReadOnlyDictionary<string, object?> Config { get; init; } = new Dictionary<string, object?>();

    /// <summary>Summary: last logged value of each metric, overlaid with values set explicitly.</summary>
    public IReadOnlyDictionary<string, object?> Summary { get; init; } = new Dictionary<string, object?>();

    /// <summary>State, with a run whose owning process died shown as <see cref="RunState.Crashed"/>.</summary>
    public RunState State { get; init; }

    /// <summary>Exit code once the run ended.</summary>
    public int? ExitCode { get; init; }

    /// <summary>When the run was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run ended, or null while running.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Last heartbeat or update of any writer.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Number of history rows written.</summary>
    public long HistoryRows { get; init; }

    /// <summary>Where the run was recorded.</summary>
    public SystemInfo System { get; init; } = new();

    /// <summary>Config flattened to <c>a.b</c> column names.</summary>
    public IReadOnlyDictionary<string, object?> FlatConfig => ConfigFlattener.Flatten(Config);

    /// <summary>
    /// False only when every writer finished cleanly without writing a row, so readers may skip the history
    /// files. A running or crashed writer's row count can lag behind its file, so those are always read.
    /// </summary>
    internal bool MayHaveHistory => HistoryRows > 0 || State is RunState.Running or RunState.Crashed;

    /// <summary>Duration in seconds from creation to end (or to the last update while running).</summary>
    public double DurationSeconds => ((FinishedAt ?? UpdatedAt) - CreatedAt).TotalSeconds;
}
