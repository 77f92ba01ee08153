namespace Wandb.Interop.Import;

/// <summary>Reported after each file, for a front end's progress display.</summary>
/// <param name="FilesDone">Files handled so far (imported, unchanged, conflicting or rejected).</param>
/// <param name="FilesTotal">Files found.</param>
/// <param name="Path">The file just handled.</param>
internal sealed record WandbImportProgress(int FilesDone, int FilesTotal, string Path);
