using Wandb.Environment;
using Wandb.Runs;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class BaselineAtBuildEndTests
{
    private const string BuildGroup = "build-b1d2c3e4";

    [TestMethod]
    public void WandbBaseline_is_the_group_the_builds_report_compares_with()
    {
        using var fixture = Store();
        var start = fixture.Start("Train");
        start.Baseline = "worse";

        BuildAndEnd(fixture, start);

        StringAssert.Contains(Summary(fixture), "Baseline: **worse**");
    }

    [TestMethod]
    public void WANDB_BASELINE_is_the_baseline_when_the_property_is_empty()
    {
        using var fixture = Store();
        fixture.Environment.Values["WANDB_BASELINE"] = "worse";
        var start = fixture.Start("Train");

        BuildAndEnd(fixture, start);

        StringAssert.Contains(Summary(fixture), "Baseline: **worse**");
    }

    [TestMethod]
    public void Without_a_baseline_the_report_compares_with_the_best_group()
    {
        using var fixture = Store();
        var start = fixture.Start("Train");

        BuildAndEnd(fixture, start);

        StringAssert.Contains(Summary(fixture), "Baseline: **better**");
    }

    /// <summary>Three groups of the project with two runs each: a better one, a worse one, and the build's own.</summary>
    private static TaskFixture Store()
    {
        var fixture = new TaskFixture();
        foreach (var (group, accuracy) in new[] { ("better", 0.90), ("worse", 0.70), (BuildGroup, 0.80) })
        {
            for (var i = 0; i < 2; i++)
            {
                var context = new RunContext
                {
                    Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DIR"] = fixture.StoreDirectory, ["WANDB_DISABLE_GIT"] = "true" }),
                    Output = new RecordingOutput(),
                    CurrentDirectory = fixture.Root,
                    TargetRun = new TargetRunAttachment(),
                };
                using var run = Run.Init(new RunOptions { Project = "Churn", Group = group, JobType = "fold" }, context);
                run.Summary["accuracy"] = accuracy + (0.01 * i);
                run.Finish();
            }
        }

        return fixture;
    }

    private static void BuildAndEnd(TaskFixture fixture, WandbStartRun start)
    {
        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();
    }

    private static string Summary(TaskFixture fixture) => File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "summary.md"));
}
