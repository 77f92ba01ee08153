namespace Wandb.Reports.Json;

/// <summary>A field of a run as the reports write it (<see cref="ReportRunWriter"/>); each report lists the ones it carries, in its own order.</summary>
internal enum RunField
{
    Id,
    Name,
    Project,
    Group,
    JobType,
    State,
    ExitCode,
    CreatedAt,
    FinishedAt,

    /// <summary>Seconds from creation to the end (or the last update), as a short number.</summary>
    Duration,
    Tags,
    Notes,

    /// <summary>The config as stored: nested objects.</summary>
    Config,

    /// <summary>The config flattened to <c>a.b</c> keys, under the same name "config".</summary>
    FlatConfig,
    Summary,

    /// <summary>The failure message (<see cref="RunProblems.Message"/>), or null.</summary>
    Error,
}
