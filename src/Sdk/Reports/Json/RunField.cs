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
    Tags,
    Notes,

    /// <summary>The config as stored: nested objects.</summary>
    Config,
    Summary,
}
