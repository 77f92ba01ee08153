namespace Wandb.Environment;

/// <summary>
/// The one place that recognises GitHub Actions, Azure DevOps and GitLab CI from their documented
/// variables: the pipeline run (whose group is the same for every job and machine of that run, which is
/// what lets matrix jobs land in one experiment) and the job page a summary can be published to.
/// </summary>
internal static class CiDetector
{
    private const string GitHub = "github";
    private const string AzureDevOps = "azure-devops";
    private const string GitLab = "gitlab";

    public static CiInfo? Detect(IEnvironmentVariables env)
    {
        var githubRun = env.Get("GITHUB_RUN_ID");
        if (githubRun is not null)
        {
            var attempt = env.Get("GITHUB_RUN_ATTEMPT") ?? "1";
            var id = $"{githubRun}-{attempt}";
            return new CiInfo(GitHub, id, "gh-" + id);
        }

        var azureBuild = env.Get("BUILD_BUILDID");
        if (azureBuild is not null)
        {
            return new CiInfo(AzureDevOps, azureBuild, "ado-" + azureBuild);
        }

        var gitlabPipeline = env.Get("CI_PIPELINE_ID");
        if (gitlabPipeline is not null)
        {
            return new CiInfo(GitLab, gitlabPipeline, "gl-" + gitlabPipeline);
        }

        return null;
    }

    /// <summary>
    /// The job page a Markdown summary can be published to: GitHub Actions when it gives the step a summary
    /// file, Azure DevOps on any of its agents; null elsewhere, GitLab included (its jobs have no summary page).
    /// </summary>
    public static CiJobPage? JobPage(IEnvironmentVariables env)
    {
        var stepSummary = env.Get("GITHUB_STEP_SUMMARY");
        if (stepSummary is not null)
        {
            return new CiJobPage(GitHub, stepSummary);
        }

        if (env.Get("TF_BUILD") is not null || env.Get("BUILD_BUILDID") is not null)
        {
            return new CiJobPage(AzureDevOps, null);
        }

        return null;
    }
}
