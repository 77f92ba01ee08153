using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.Sdk.Tests.Settings;

[TestClass]
public sealed class GroupResolverTests
{
    private static ResolvedGroup Resolve(string? explicitGroup, Dictionary<string, string?> env) =>
        GroupResolver.Resolve(explicitGroup, new DictionaryEnvironmentVariables(env), () => "generated1");

    [TestMethod]
    public void The_explicit_group_wins_over_the_environment_and_CI()
    {
        var group = Resolve("sweep-1", new() { ["WANDB_RUN_GROUP"] = "env", ["GITHUB_RUN_ID"] = "42" });

        Assert.AreEqual(new ResolvedGroup("sweep-1", GroupSource.Explicit), group);
    }

    [TestMethod]
    public void WANDB_RUN_GROUP_wins_over_the_CI_run()
    {
        Assert.AreEqual(new ResolvedGroup("env", GroupSource.Environment), Resolve(null, new() { ["WANDB_RUN_GROUP"] = "env", ["GITHUB_RUN_ID"] = "42" }));
    }

    [TestMethod]
    public void Every_job_of_one_CI_pipeline_run_gets_the_same_group()
    {
        Assert.AreEqual("gh-42-2", Resolve(null, new() { ["GITHUB_RUN_ID"] = "42", ["GITHUB_RUN_ATTEMPT"] = "2" }).Name);
        Assert.AreEqual("ado-7", Resolve(null, new() { ["BUILD_BUILDID"] = "7" }).Name);
        Assert.AreEqual("gl-99", Resolve(null, new() { ["CI_PIPELINE_ID"] = "99" }).Name);
    }

    [TestMethod]
    public void Without_anything_set_the_per_invocation_id_is_used()
    {
        Assert.AreEqual(new ResolvedGroup("generated1", GroupSource.Generated), Resolve(null, new()));
    }
}
