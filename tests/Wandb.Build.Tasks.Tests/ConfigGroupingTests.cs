using Wandb.Reports;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class ConfigGroupingTests
{
    [TestMethod]
    public void A_sweep_given_with_p_becomes_a_config_column_the_reports_group_by_value()
    {
        using var fixture = new TaskFixture();
        foreach (var (trees, buildId) in new[] { ("100", "sweep001"), ("200", "sweep002"), ("200", "sweep003") })
        {
            fixture.Engine.GlobalProperties["Trees"] = trees;
            var start = fixture.Start("Train", buildId);
            start.ConfigProperties = new[] { "Trees" };
            Assert.IsTrue(start.Execute());
            Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        }

        var model = ReportModel.Build(fixture.Store, new ReportOptions { GroupBy = new[] { "Trees" } }, DateTimeOffset.UtcNow);

        var groups = model.Main.Groups.ToDictionary(g => g.Label, g => g.Runs.Count);
        Assert.HasCount(2, groups, string.Join(", ", groups.Keys));
        Assert.AreEqual(1, groups.Single(g => g.Key.Contains("100")).Value);
        Assert.AreEqual(2, groups.Single(g => g.Key.Contains("200")).Value, "runs with the same value share a group whatever build they came from");
    }
}
