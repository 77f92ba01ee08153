namespace Wandb.Interop.Export;

/// <summary>Reported after each run is written, for a front end's progress display.</summary>
/// <param name="RunsDone">Runs written so far.</param>
/// <param name="RunId">The run just written.</param>
/// <param name="Path">Its <c>.wandb</c> file.</param>
internal sealed record WandbExportProgress(int RunsDone, string RunId, string Path);
