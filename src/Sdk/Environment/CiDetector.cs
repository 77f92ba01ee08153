namespace Wandb.Environment;

/// <summary>
/// Recognises GitHub Actions, Azure DevOps and GitLab CI from their documented variables. The group it
/// derives is the same for every job and machine of one pipeline run, which is what lets matrix jobs
/// land in one experiment.
/// </summary>
internal static class CiDetector
{
    public static CiInfo? Detect(IEnvironmentVariables env)
    {
        var githubRun = env.Get("GITHUB_RUN_ID");
        if (githubRun is not null)
        {
            var attempt = env.Get("GITHUB_RUN_ATTEMPT") ?? "1";
            var id = $"{githubRun}-{attempt}";
            return new CiInfo("github", id, "gh-" + id);
        }

        var azureBuild = env.Get("BUILD_BUILDID");
        if (azureBuild is not null)
        {
            return new CiInfo("azure-devops", azureBuild, "ado-" + azureBuild);
        }

        var gitlabPipeline = env.Get("CI_PIPELINE_ID");
        if (gitlabPipeline is not null)
        {
            return new CiInfo("gitlab", gitlabPipeline, "gl-" + gitlabPipeline);
        }

        return null;
    }
}
