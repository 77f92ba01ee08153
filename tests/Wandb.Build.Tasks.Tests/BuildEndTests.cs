using System.Text.RegularExpressions;
using Wandb.Build.Tasks.Session;
using Wandb.Build.Tasks.Tests.Fakes;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class BuildEndTests
{
    [TestMethod]
    public void Two_nodes_of_one_build_refresh_the_report_and_append_the_summary_to_GITHUB_STEP_SUMMARY_once()
    {
        using var fixture = new TaskFixture();
        var summary = Path.Combine(fixture.Root, "step-summary.md");
        fixture.Environment.Values["GITHUB_STEP_SUMMARY"] = summary;
        var otherNode = new FakeBuildEngine();
        var onFirstNode = fixture.Start("Train", buildId: "shared01");
        var onSecondNode = fixture.Start("CrossValidate", buildId: "shared01");
        onSecondNode.BuildEngine = otherNode;

        Assert.IsTrue(onFirstNode.Execute());
        Assert.IsTrue(onSecondNode.Execute());
        Assert.IsTrue(fixture.Finish(onFirstNode.RunId, "Train").Execute());
        var finishOnSecond = fixture.Finish(onSecondNode.RunId, "CrossValidate");
        finishOnSecond.BuildEngine = otherNode;
        Assert.IsTrue(finishOnSecond.Execute());
        fixture.Engine.EndBuild();
        otherNode.EndBuild();

        var text = File.ReadAllText(summary);
        Assert.AreEqual(1, Regex.Matches(text, "^# Wandb report", RegexOptions.Multiline).Count, text);
        var runsJson = File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json"));
        StringAssert.Contains(runsJson, onFirstNode.RunId);
        StringAssert.Contains(runsJson, onSecondNode.RunId);
    }

    [TestMethod]
    public void On_Azure_DevOps_the_summary_is_uploaded_with_a_logging_command_once_per_build()
    {
        using var fixture = new TaskFixture();
        fixture.Environment.Values["TF_BUILD"] = "True";
        fixture.Environment.Values["BUILD_BUILDID"] = "4417";
        var start = fixture.Start("Train", buildId: "azure001");

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        var expected = "##vso[task.uploadsummary]" + Path.Combine(fixture.StoreDirectory, "report", "summary.md");
        Assert.AreEqual(expected, fixture.EndOfBuildConsole.ToString().Trim());
        Assert.AreEqual("ado-4417", fixture.StoredRun(start.RunId).Group, "the pipeline run is the group");
    }

    [TestMethod]
    public void WandbReports_false_leaves_the_report_folder_alone()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        start.WriteReports = false;

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.AreEqual(RunState.Finished, fixture.StoredRun(start.RunId).State);
        Assert.IsFalse(Directory.Exists(Path.Combine(fixture.StoreDirectory, "report")));
    }
}
