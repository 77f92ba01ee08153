namespace Wandb.Storage;

/// <summary>What <see cref="WriterStateMerger"/> makes of a run's writer states.</summary>
internal sealed record MergedWriters(
    IReadOnlyDictionary<string, object?> Config,
    IReadOnlyDictionary<string, object?> Summary,
    RunState State,
    int? ExitCode,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? UpdatedAt,
    long Rows,
    long? LastStep);
