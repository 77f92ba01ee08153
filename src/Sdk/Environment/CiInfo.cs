namespace Wandb.Environment;

/// <summary>The CI system a process runs under, and the id of the pipeline run that all its jobs share.</summary>
/// <param name="Provider">github, azure-devops or gitlab.</param>
/// <param name="RunId">The pipeline run id (with the attempt on GitHub).</param>
/// <param name="Group">The group name derived from the run id, shared by every job of that pipeline run.</param>
internal sealed record CiInfo(string Provider, string RunId, string Group);
