namespace Wandb.Environment;

/// <summary>The page of the CI job this process runs in, where a Markdown summary of the runs can be shown.</summary>
/// <param name="Provider">github or azure-devops, as in <see cref="CiInfo"/>.</param>
/// <param name="StepSummaryFile">GitHub's <c>GITHUB_STEP_SUMMARY</c> file, which the summary is appended to; null on Azure DevOps, which uploads it with a logging command.</param>
internal sealed record CiJobPage(string Provider, string? StepSummaryFile);
