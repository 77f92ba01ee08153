namespace Wandb.Storage.Batches;

/// <summary>
/// One finished run recorded in bulk: what a run folder would hold as <c>run.json</c> and one writer's
/// <c>&lt;writer&gt;.state.json</c>. One line of a batch file (docs/store-format.md).
/// </summary>
internal sealed record RunBatchRecord(RunMetadataFile Run, WriterStateFile State);
